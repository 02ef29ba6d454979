package dev.switchboard.audit.repository;

import java.time.Instant;

/** The values of one audit_event row, as the ingestion writes them. */
public record AuditRow(
        String eventId,
        Instant occurredAt,
        String type,
        String source,
        String tenantId,
        String actorId,
        String resourceType,
        String resourceId,
        String serverId,
        String toolName,
        Boolean success,
        Long durationMs,
        String envelopeJson) {
}
