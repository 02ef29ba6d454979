package dev.switchboard.invocation.service;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * What operators watch: tool calls by server, tool and outcome with their durations, active connections, and each
 * server's circuit. Tags are bounded by configuration (server and tool names, a few outcomes), never by input.
 */
@ApplicationScoped
public class InvocationMetrics {

    private final MeterRegistry registry;
    private final Map<InvocationKey, Timer> invocationTimers = new ConcurrentHashMap<>();

    public InvocationMetrics(MeterRegistry registry, ConnectionManager connections) {
        this.registry = registry;
        Gauge.builder("switchboard.connections.active", connections,
                        manager -> manager.statuses().stream().filter(status -> "connected".equals(status.state())).count())
                .description("Upstream MCP servers connected now").register(registry);
    }

    /** @param outcome {@code ok}, {@code tool_error}, {@code failed} or {@code cached} */
    public void invocation(String server, String tool, String outcome, long durationMs) {
        invocationTimers.computeIfAbsent(new InvocationKey(server, tool, outcome), this::invocationTimer)
                .record(durationMs, TimeUnit.MILLISECONDS);
    }

    // Building a meter's id and looking it up in the registry on every call cost more than recording the call.
    private Timer invocationTimer(InvocationKey key) {
        return Timer.builder("switchboard.tool.invocations")
                .description("Tool calls through the gateway, by server, tool and outcome")
                .tag("server", key.server()).tag("tool", key.tool()).tag("outcome", key.outcome())
                .publishPercentileHistogram()
                .register(registry);
    }

    private record InvocationKey(String server, String tool, String outcome) {
    }

    /** 0 closed, 1 half-open, 2 open. */
    public void circuit(String server, Supplier<Number> state) {
        forgetCircuit(server);
        Gauge.builder("switchboard.circuit.state", state).description("A server's circuit: 0 closed, 1 half-open, 2 open")
                .tag("server", server).strongReference(true).register(registry);
    }

    public void forgetCircuit(String server) {
        registry.find("switchboard.circuit.state").tag("server", server).meters().forEach(registry::remove);
    }
}
