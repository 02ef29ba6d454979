package dev.switchboard.invocation.service;

import dev.switchboard.invocation.api.BulkResult;
import dev.switchboard.invocation.api.ConnectionStatus;
import dev.switchboard.invocation.api.HealthReport;
import dev.switchboard.model.server.ServerDefinition;
import dev.switchboard.platform.error.ApiException;
import dev.switchboard.platform.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * Connections as callers see them: a server out of the caller's scope answers 404; connecting and disconnecting a
 * global server is for admins.
 */
@ApplicationScoped
public class ConnectionService {

    private final ServerDirectory directory;
    private final ConnectionManager connections;

    public ConnectionService(ServerDirectory directory, ConnectionManager connections) {
        this.directory = directory;
        this.connections = connections;
    }

    public List<ConnectionStatus> list(Caller caller) {
        return connections.statuses().stream()
                .filter(status -> directory.get(status.serverId()).map(server -> directory.visibleTo(server, caller)).orElse(false))
                .toList();
    }

    public ConnectionStatus status(String server, Caller caller) {
        return connections.status(directory.find(server, caller).id());
    }

    public ConnectionStatus connect(String server, Caller caller) {
        return connections.connect(changeable(server, caller).id());
    }

    public ConnectionStatus disconnect(String server, Caller caller) {
        return connections.disconnect(changeable(server, caller).id());
    }

    public HealthReport health(String server, Caller caller) {
        return connections.check(directory.find(server, caller).id());
    }

    public BulkResult connectAll(List<UUID> serverIds, Caller caller) {
        return bulk(serverIds, id -> connect(id.toString(), caller), "connected");
    }

    public BulkResult disconnectAll(List<UUID> serverIds, Caller caller) {
        return bulk(serverIds, id -> disconnect(id.toString(), caller), "disconnected");
    }

    /** One result per server, in the order asked; one server's failure does not stop the others. */
    private static BulkResult bulk(List<UUID> serverIds, Function<UUID, ConnectionStatus> action, String goal) {
        List<BulkResult.Item> results = new ArrayList<>();
        for (UUID id : serverIds) {
            try {
                ConnectionStatus status = action.apply(id);
                results.add(new BulkResult.Item(id, goal.equals(status.state()), status.state(), status.toolCount(),
                        status.lastError()));
            } catch (ApiException e) {
                results.add(new BulkResult.Item(id, false, null, null, e.getMessage()));
            }
        }
        long connected = results.stream().filter(item -> "connected".equals(item.status())).count();
        long failed = results.stream().filter(item -> !item.success()).count();
        return new BulkResult(results, new BulkResult.Summary(results.size(), connected, failed));
    }

    ServerDefinition visible(UUID serverId, Caller caller) {
        return directory.get(serverId).filter(server -> directory.visibleTo(server, caller))
                .orElseThrow(() -> ApiException.notFound("server", serverId));
    }

    private ServerDefinition changeable(String serverRef, Caller caller) {
        ServerDefinition server = directory.find(serverRef, caller);
        if (server.tenantId() == null && !caller.isAdmin()) {
            throw ApiException.forbidden("global servers are managed by admins");
        }
        return server;
    }
}
