package dev.switchboard.invocation.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.invocation.mcp.Catalog;
import dev.switchboard.model.event.CatalogChanged;
import dev.switchboard.model.event.CircuitChanged;
import dev.switchboard.model.event.EventEnvelope;
import dev.switchboard.model.event.EventType;
import dev.switchboard.model.event.ServerConnected;
import dev.switchboard.model.event.ServerDisconnected;
import dev.switchboard.model.event.ServerError;
import dev.switchboard.model.server.ServerDefinition;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.util.List;

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
        publish(EventType.SERVER_CONNECTED, server, new ServerConnected(server.name(), catalog.tools().size(),
                catalog.prompts().size(), catalog.resources().size(), protocolVersion));
        catalogChanged(server, catalog);
    }

    public void disconnected(ServerDefinition server, String reason) {
        publish(EventType.SERVER_DISCONNECTED, server, new ServerDisconnected(server.name(), reason));
        changes.fire(new McpNotifications.CatalogChange(server));
    }

    public void error(ServerDefinition server, String error) {
        publish(EventType.SERVER_ERROR, server, new ServerError(server.name(), error));
    }

    /** {@code circuit.opened} or {@code circuit.closed}, for the server's breaker. */
    public void circuit(ServerDefinition server, boolean open) {
        publish(open ? EventType.CIRCUIT_OPENED : EventType.CIRCUIT_CLOSED, server,
                new CircuitChanged(server.id(), server.name(), open ? CircuitChanged.OPEN : CircuitChanged.CLOSED));
    }

    public void catalogChanged(ServerDefinition server, Catalog catalog) {
        List<CatalogChanged.Tool> tools = catalog.tools().stream()
                .map(tool -> new CatalogChanged.Tool(tool.name(), tool.description())).toList();
        publish(EventType.CATALOG_CHANGED, server, new CatalogChanged(server.name(), tools, catalog.prompts().size(),
                catalog.resources().size()));
        changes.fire(new McpNotifications.CatalogChange(server));
    }

    private void publish(EventType type, ServerDefinition server, Object data) {
        EventEnvelope event = EventEnvelope.of(EventsOffThePath.SOURCE, type, server.id().toString(),
                server.tenantId() == null ? null : server.tenantId().toString(), null, json.valueToTree(data));
        events.publish(event);
    }
}
