package dev.switchboard.audit.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Tool invocation statistics over {@code [from, to)}; {@code errorRate} is between 0 and 1. */
public record AuditStats(
        Instant from,
        Instant to,
        long totalInvocations,
        double errorRate,
        List<ToolUsage> topTools,
        List<DayCount> invocationsByDay) {

    @RegisterForReflection
    public record ToolUsage(String tool, String serverId, String serverName, long invocations, long errors,
                            Double p50DurationMs, Double p95DurationMs) {
    }

    @RegisterForReflection
    public record DayCount(LocalDate day, long invocations, long errors) {
    }
}
