package dev.switchboard.invocation.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How often and how lately each tool was called through this replica, for sorting by usage and recency, counted per
 * tenant: a tenant sees its own calls of a global server it shares with others, and admins see them all.
 */
@ApplicationScoped
public class ToolUsage {

    public record Usage(long count, Instant lastUsedAt) {
        static final Usage NEVER = new Usage(0, null);

        Usage plus(Usage other) {
            Instant last = lastUsedAt == null || (other.lastUsedAt != null && other.lastUsedAt.isAfter(lastUsedAt))
                    ? other.lastUsedAt : lastUsedAt;
            return new Usage(count + other.count, last);
        }
    }

    private record Today(LocalDate day, long count) {
    }

    private static final String EVERY_TENANT = "\u0000all";

    private final Map<String, Usage> usage = new ConcurrentHashMap<>();
    private final Map<String, Today> today = new ConcurrentHashMap<>();

    public void record(String tenant, UUID serverId, String tool) {
        LocalDate day = LocalDate.now(ZoneOffset.UTC);
        Usage call = new Usage(1, Instant.now());
        for (String scope : new String[] {String.valueOf(tenant), EVERY_TENANT}) {
            usage.merge(scope + "/" + serverId + "/" + tool, call, Usage::plus);
            today.merge(scope, new Today(day, 1),
                    (before, now) -> before.day().equals(day) ? new Today(day, before.count() + 1) : now);
        }
    }

    /** Calls that reached a tool today (UTC) through this replica, by the tenant in scope or, without one, by all. */
    public long today(Optional<String> tenantScope) {
        Today counted = today.get(tenantScope.orElse(EVERY_TENANT));
        return counted == null || !counted.day().equals(LocalDate.now(ZoneOffset.UTC)) ? 0 : counted.count();
    }

    public Usage of(Optional<String> tenantScope, UUID serverId, String tool) {
        return usage.getOrDefault(tenantScope.orElse(EVERY_TENANT) + "/" + serverId + "/" + tool, Usage.NEVER);
    }
}
