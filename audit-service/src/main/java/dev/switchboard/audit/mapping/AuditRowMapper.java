package dev.switchboard.audit.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.audit.repository.AuditRow;
import dev.switchboard.model.event.EventEnvelope;
import dev.switchboard.model.event.EventType;
import dev.switchboard.model.event.ToolInvoked;
import dev.switchboard.platform.events.MalformedEventException;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Derives the indexed columns of an event from its envelope: the resource is the type's first segment
 * ({@code server}, {@code tool}, {@code api_key}, …) with the subject as its id; invocation events name their server
 * and tool in their {@link ToolInvoked} data.
 */
@ApplicationScoped
public class AuditRowMapper {

    private final ObjectMapper json;

    public AuditRowMapper(ObjectMapper json) {
        this.json = json;
    }

    public AuditRow toRow(EventEnvelope event, String envelopeJson) {
        int dot = event.type().indexOf('.');
        String resourceType = dot < 0 ? event.type() : event.type().substring(0, dot);
        boolean aboutServer = resourceType.equals("server") || resourceType.equals("circuit")
                || resourceType.equals("catalog");
        ToolInvoked call = resourceType.equals("tool") ? invocation(event) : null;
        return new AuditRow(
                event.id(),
                event.time(),
                event.type(),
                event.source(),
                event.tenantid(),
                event.actorid(),
                resourceType,
                event.subject(),
                aboutServer ? event.subject() : call == null || call.serverId() == null ? null : call.serverId().toString(),
                call == null ? null : call.tool(),
                call == null ? null : !EventType.TOOL_ERROR.typeName().equals(event.type()) && !call.isFailure(),
                call == null ? null : call.durationMs(),
                envelopeJson);
    }

    private ToolInvoked invocation(EventEnvelope event) {
        try {
            return event.data() == null ? null : json.treeToValue(event.data(), ToolInvoked.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new MalformedEventException("the data of " + event.type() + " " + event.id() + " is not a tool call: "
                    + e.getMessage());
        }
    }
}
