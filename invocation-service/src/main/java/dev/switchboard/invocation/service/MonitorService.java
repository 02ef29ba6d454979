package dev.switchboard.invocation.service;

import dev.switchboard.invocation.api.CircuitBreakerView;
import dev.switchboard.invocation.api.ConnectionStatus;
import dev.switchboard.invocation.api.MonitorOverview;
import dev.switchboard.invocation.api.RecentCall;
import dev.switchboard.invocation.repository.ToolUsageRepository.RecentFilter;
import dev.switchboard.invocation.repository.ToolUsageRepository;
import dev.switchboard.model.server.ServerDefinition;
import dev.switchboard.platform.security.Caller;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The gateway at a glance, as far as the caller may see it: its tenant's servers and the global ones it enabled. */
@ApplicationScoped
public class MonitorService {

    private static final int RECENT_ACTIVITY = 20;

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
        List<ServerDefinition> visible = directory.all().stream().filter(server -> directory.visibleTo(server, caller))
                .sorted(Comparator.comparing(ServerDefinition::name)).toList();
        Map<UUID, ConnectionStatus> statuses = connections.statuses().stream()
                .collect(Collectors.toMap(ConnectionStatus::serverId, Function.identity(), (first, second) -> first));
        Map<UUID, ToolUsageRepository.Usage> callsByServer = usage.byTool(caller.tenantScope()).entrySet().stream()
                .collect(Collectors.toMap(entry -> entry.getKey().serverId(), Map.Entry::getValue,
                        ToolUsageRepository.Usage::plus));
        List<MonitorOverview.ServerActivity> servers = visible.stream().map(server -> {
            ConnectionStatus status = statuses.get(server.id());
            ToolUsageRepository.Usage calls = callsByServer.getOrDefault(server.id(), ToolUsageRepository.Usage.NEVER);
            return new MonitorOverview.ServerActivity(server.id(), server.name(),
                    status == null ? "disconnected" : status.state(), status == null ? 0 : status.toolCount(),
                    calls.calls(), calls.errors(), calls.calls() == 0 ? null : calls.durationMs() / calls.calls());
        }).toList();
        List<CircuitBreakerView> breakers = circuitBreakers(caller);
        List<MonitorOverview.ServerActivity> connected = servers.stream()
                .filter(server -> "connected".equals(server.status())).toList();
        MonitorOverview.Overview overview = new MonitorOverview.Overview(visible.size(),
                visible.stream().filter(ServerDefinition::enabled).count(), connected.size(),
                connected.stream().mapToLong(MonitorOverview.ServerActivity::tools).sum(), usage.today(caller.tenantScope()),
                breakers.stream().filter(breaker -> !"closed".equals(breaker.state())).count(), startedAt,
                Duration.between(startedAt, Instant.now()).toSeconds());
        var ids = visible.stream().map(ServerDefinition::id).collect(Collectors.toSet());
        List<RecentCall> recent = usage.recent(RecentFilter.of(caller.tenantScope()), RECENT_ACTIVITY).stream()
                .filter(call -> ids.contains(call.serverId())).toList();
        return new MonitorOverview(overview, servers, recent, breakers);
    }

    public List<CircuitBreakerView> circuitBreakers(Caller caller) {
        return guards.breakers().stream()
                .filter(breaker -> directory.get(breaker.serverId()).map(server -> directory.visibleTo(server, caller))
                        .orElse(false))
                .toList();
    }
}
