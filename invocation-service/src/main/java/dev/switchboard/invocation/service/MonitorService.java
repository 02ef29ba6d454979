package dev.switchboard.invocation.service;

import dev.switchboard.invocation.rest.ConnectionStatus;
import dev.switchboard.invocation.rest.MonitorOverview;
import dev.switchboard.model.server.ServerDefinition;
import dev.switchboard.platform.security.Caller;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** The gateway at a glance, as far as the caller may see it: its tenant's servers and the global ones it enabled. */
@ApplicationScoped
public class MonitorService {

    private final ServerDirectory directory;
    private final ConnectionManager connections;
    private final ToolUsage usage;
    private final ServerGuards guards;
    private Instant startedAt = Instant.now();

    public MonitorService(ServerDirectory directory, ConnectionManager connections, ToolUsage usage, ServerGuards guards) {
        this.directory = directory;
        this.connections = connections;
        this.usage = usage;
        this.guards = guards;
    }

    void started(@Observes StartupEvent startup) {
        startedAt = Instant.now();
    }

    public MonitorOverview overview(Caller caller) {
        List<ServerDefinition> visible = directory.all().stream().filter(server -> directory.visibleTo(server, caller)).toList();
        Set<UUID> ids = visible.stream().map(ServerDefinition::id).collect(Collectors.toSet());
        List<ConnectionStatus> connected = connections.statuses().stream()
                .filter(status -> ids.contains(status.serverId()) && "connected".equals(status.state())).toList();
        List<ServerGuards.BreakerView> breakers = circuitBreakers(caller);
        return new MonitorOverview(visible.size(), visible.stream().filter(ServerDefinition::enabled).count(),
                connected.size(), connected.stream().mapToInt(ConnectionStatus::toolCount).sum(),
                usage.today(caller.tenantScope()), breakers.stream().filter(breaker -> !"closed".equals(breaker.state())).count(),
                breakers, startedAt, Duration.between(startedAt, Instant.now()).toSeconds());
    }

    public List<ServerGuards.BreakerView> circuitBreakers(Caller caller) {
        return guards.breakers().stream()
                .filter(breaker -> directory.get(breaker.serverId()).map(server -> directory.visibleTo(server, caller))
                        .orElse(false))
                .toList();
    }
}
