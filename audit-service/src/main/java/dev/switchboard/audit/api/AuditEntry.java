package dev.switchboard.audit.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** One stored event as the audit API answers it: the indexed facts first, then the whole envelope. */
public record AuditEntry(
        String id,
        Instant time,
        String type,
        String source,
        String tenantId,
        String actorId,
        String resourceType,
        String resourceId,
        String serverId,
        String tool,
        Boolean success,
        Long durationMs,
        JsonNode event) {
}
