package dev.switchboard.invocation.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.invocation.mcp.Catalog;
import dev.switchboard.model.event.EventEnvelope;
import dev.switchboard.model.event.EventType;
import dev.switchboard.model.server.ServerDefinition;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

/**
 * Announces what happens to each upstream connection on {@code switchboard.connections}.
 */
@ApplicationScoped
public class ConnectionEvents {

    private final EventsOffThePath events;
    private final ObjectMapper json;
    private final Event<McpNotifications.CatalogChange> changes;
    private final Event<McpNotifications.ServerLog> logs;

    public ConnectionEvents(EventsOffThePath events, ObjectMapper json, Event<McpNotifications.CatalogChange> changes,
                            Event<McpNotifications.ServerLog> logs) {
        this.events = events;
        this.json = json;
        this.changes = changes;
        this.logs = logs;
    }

    /** A log message the server sent ({@code notifications/message}): for the MCP sessions that asked for logs. */
    public void logged(ServerDefinition server, JsonNode message) {
        logs.fire(new McpNotifications.ServerLog(server, message));
    }

    public void connected(ServerDefinition server, Catalog catalog, String protocolVersion) {
        ObjectNode data = json.createObjectNode().put("name", server.name())
                .put("toolCount", catalog.tools().size())
                .put("promptCount", catalog.prompts().size())
                .put("resourceCount", catalog.resources().size())
                .put("protocolVersion", protocolVersion);
        publish(EventType.SERVER_CONNECTED, server, data);
        catalogChanged(server, catalog);
    }

    public void disconnected(ServerDefinition server, String reason) {
        publish(EventType.SERVER_DISCONNECTED, server, json.createObjectNode().put("name", server.name()).put("reason", reason));
        changes.fire(new McpNotifications.CatalogChange(server));
    }

    public void error(ServerDefinition server, String error) {
        publish(EventType.SERVER_ERROR, server, json.createObjectNode().put("name", server.name()).put("error", error));
    }

    /** {@code circuit.opened} or {@code circuit.closed}, for the server's breaker. */
    public void circuit(ServerDefinition server, boolean open) {
        ObjectNode data = json.createObjectNode().put("serverId", server.id().toString()).put("name", server.name())
                .put("state", open ? "open" : "closed");
        publish(open ? EventType.CIRCUIT_OPENED : EventType.CIRCUIT_CLOSED, server, data);
    }

    /** The tool names and descriptions only: schemas stay with this service. */
    public void catalogChanged(ServerDefinition server, Catalog catalog) {
        ObjectNode data = json.createObjectNode().put("name", server.name());
        var tools = data.putArray("tools");
        catalog.tools().forEach(tool -> tools.addObject().put("name", tool.name()).put("description", tool.description()));
        data.put("promptCount", catalog.prompts().size()).put("resourceCount", catalog.resources().size());
        publish(EventType.CATALOG_CHANGED, server, data);
        changes.fire(new McpNotifications.CatalogChange(server));
    }

    private void publish(EventType type, ServerDefinition server, ObjectNode data) {
        EventEnvelope event = EventEnvelope.of(EventsOffThePath.SOURCE, type, server.id().toString(),
                server.tenantId() == null ? null : server.tenantId().toString(), null, data);
        events.publish(event);
    }
}
