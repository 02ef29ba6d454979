package dev.switchboard.audit.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.audit.repository.AuditEventEntity;
import dev.switchboard.audit.rest.AuditEntry;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class AuditEntryMapper {

    private final ObjectMapper json;

    public AuditEntryMapper(ObjectMapper json) {
        this.json = json;
    }

    public AuditEntry toEntry(AuditEventEntity entity) {
        try {
            return new AuditEntry(entity.eventId, entity.occurredAt, entity.type, entity.source, entity.tenantId,
                    entity.actorId, entity.resourceType, entity.resourceId, entity.serverId, entity.toolName,
                    entity.success, entity.durationMs, json.readTree(entity.envelope));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored envelope of " + entity.eventId + " is not JSON", e);
        }
    }
}
