package dev.switchboard.invocation.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.model.server.ServerDefinition;
import dev.switchboard.platform.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The open notification streams of MCP clients on this replica, and what they are told: when a server they may see
 * connects, goes away or changes what it offers, or its tenant enables or disables global servers, each stream gets
 * the {@code list_changed} notifications, and the client lists again. Every replica holds connections to every server, so every replica sees every change.
 */
@ApplicationScoped
public class McpNotifications {

    /** A server's catalog changed, or the server came or went. */
    public record CatalogChange(ServerDefinition server) {
    }

    /** A tenant's settings changed, and with them which global servers its keys see. */
    public record ViewChange(String tenantId) {
    }

    private static final List<String> LIST_CHANGED = List.of("notifications/tools/list_changed",
            "notifications/prompts/list_changed", "notifications/resources/list_changed");

    private record Listener(Caller caller, Consumer<ObjectNode> sink) {
    }

    private final ServerDirectory directory;
    private final ObjectMapper json;
    private final Set<Listener> listeners = ConcurrentHashMap.newKeySet();

    public McpNotifications(ServerDirectory directory, ObjectMapper json) {
        this.directory = directory;
        this.json = json;
    }

    /** @return what ends the subscription */
    public Runnable listen(Caller caller, Consumer<ObjectNode> sink) {
        Listener listener = new Listener(caller, sink);
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    void changed(@Observes CatalogChange change) {
        listeners.stream().filter(listener -> directory.visibleTo(change.server(), listener.caller())).forEach(this::tell);
    }

    void viewChanged(@Observes ViewChange change) {
        listeners.stream().filter(listener -> change.tenantId().equals(listener.caller().tenantId())).forEach(this::tell);
    }

    private void tell(Listener listener) {
        LIST_CHANGED.forEach(method -> listener.sink().accept(json.createObjectNode().put("jsonrpc", "2.0").put("method", method)));
    }
}
