package dev.switchboard.audit.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.audit.api.AuditEntry;
import dev.switchboard.audit.repository.AuditRow;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class AuditEntryMapper {

    private final ObjectMapper json;

    public AuditEntryMapper(ObjectMapper json) {
        this.json = json;
    }

    public AuditEntry toEntry(AuditRow row) {
        try {
            return new AuditEntry(row.eventId(), row.occurredAt(), row.type(), row.source(), row.tenantId(),
                    row.actorId(), row.resourceType(), row.resourceId(), row.serverId(), row.toolName(),
                    row.success(), row.durationMs(), json.readTree(row.envelopeJson()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored envelope of " + row.eventId() + " is not JSON", e);
        }
    }
}
