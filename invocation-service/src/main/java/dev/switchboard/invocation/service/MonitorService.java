package dev.switchboard.invocation.service;

import dev.switchboard.invocation.rest.ConnectionStatus;
import dev.switchboard.invocation.rest.MonitorOverview;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

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

    public MonitorOverview overview() {
        List<ConnectionStatus> statuses = connections.statuses();
        List<ConnectionStatus> connected = statuses.stream().filter(status -> "connected".equals(status.state())).toList();
        return new MonitorOverview(directory.all().size(), directory.all().stream().filter(server -> server.enabled()).count(),
                connected.size(), connected.stream().mapToInt(ConnectionStatus::toolCount).sum(), usage.today(),
                guards.openCount(), guards.breakers(), startedAt, Duration.between(startedAt, Instant.now()).toSeconds());
    }

    public List<ServerGuards.BreakerView> circuitBreakers() {
        return guards.breakers();
    }
}
