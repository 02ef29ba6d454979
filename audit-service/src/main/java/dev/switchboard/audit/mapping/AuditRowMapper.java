package dev.switchboard.audit.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.audit.repository.AuditRow;
import dev.switchboard.model.event.EventEnvelope;
import dev.switchboard.model.event.EventType;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Derives the indexed columns of an event from its envelope: the resource is the type's first segment
 * ({@code server}, {@code tool}, {@code api_key}, …) with the subject as its id; invocation events name their server
 * and tool in {@code data}.
 */
@ApplicationScoped
public class AuditRowMapper {

    public AuditRow toRow(EventEnvelope event, String envelopeJson) {
        JsonNode data = event.data();
        String resourceType = event.type().substring(0, event.type().indexOf('.'));
        boolean aboutServer = resourceType.equals("server") || resourceType.equals("circuit")
                || resourceType.equals("catalog");
        String serverId = aboutServer ? event.subject() : text(data, "serverId");
        return new AuditRow(
                event.id(),
                event.time(),
                event.type(),
                event.source(),
                event.tenantid(),
                event.actorid(),
                resourceType,
                event.subject(),
                serverId,
                text(data, "tool"),
                success(event, data),
                number(data, "durationMs"),
                envelopeJson);
    }

    private static Boolean success(EventEnvelope event, JsonNode data) {
        if (EventType.TOOL_ERROR.typeName().equals(event.type())) {
            return false;
        }
        if (data != null && data.hasNonNull("success")) {
            return data.get("success").asBoolean();
        }
        return EventType.TOOL_INVOKED.typeName().equals(event.type()) ? Boolean.TRUE : null;
    }

    private static String text(JsonNode data, String field) {
        return data != null && data.hasNonNull(field) ? data.get(field).asText() : null;
    }

    private static Long number(JsonNode data, String field) {
        return data != null && data.hasNonNull(field) && data.get(field).canConvertToLong() ? data.get(field).asLong() : null;
    }
}
