package dev.switchboard.invocation.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** How often and how lately each tool was called through this replica, for sorting by usage and recency. */
@ApplicationScoped
public class ToolUsage {

    public record Usage(long count, Instant lastUsedAt) {
        static final Usage NEVER = new Usage(0, null);
    }

    private final Map<String, Usage> usage = new ConcurrentHashMap<>();
    private final Map<LocalDate, Long> perDay = new ConcurrentHashMap<>();

    public void record(UUID serverId, String tool) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        perDay.merge(today, 1L, Long::sum);
        perDay.keySet().removeIf(day -> day.isBefore(today));
        usage.merge(serverId + "/" + tool, new Usage(1, Instant.now()),
                (before, now) -> new Usage(before.count() + 1, now.lastUsedAt()));
    }

    /** Calls that reached a tool today (UTC) through this replica. */
    public long today() {
        return perDay.getOrDefault(LocalDate.now(ZoneOffset.UTC), 0L);
    }

    public Usage of(UUID serverId, String tool) {
        return usage.getOrDefault(serverId + "/" + tool, Usage.NEVER);
    }
}
