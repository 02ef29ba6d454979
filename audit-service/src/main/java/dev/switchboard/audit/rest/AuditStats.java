package dev.switchboard.audit.rest;

import dev.switchboard.audit.repository.AuditStatsRepository.DayCount;
import dev.switchboard.audit.repository.AuditStatsRepository.ToolUsage;
import java.time.Instant;
import java.util.List;

/** Tool invocation statistics over {@code [from, to)}; {@code errorRate} is between 0 and 1. */
public record AuditStats(
        Instant from,
        Instant to,
        long totalInvocations,
        double errorRate,
        List<ToolUsage> topTools,
        List<DayCount> invocationsByDay) {
}
