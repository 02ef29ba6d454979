package dev.switchboard.invocation.service;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * What operators watch: tool calls by server, tool and outcome with their durations, active connections, and each
 * server's circuit. Tags are bounded by configuration (server and tool names, a few outcomes), never by input.
 */
@ApplicationScoped
public class InvocationMetrics {

    private final MeterRegistry registry;

    public InvocationMetrics(MeterRegistry registry, ConnectionManager connections) {
        this.registry = registry;
        Gauge.builder("switchboard.connections.active", connections,
                        manager -> manager.statuses().stream().filter(status -> "connected".equals(status.state())).count())
                .description("Upstream MCP servers connected now").register(registry);
    }

    /** @param outcome {@code ok}, {@code tool_error}, {@code failed} or {@code cached} */
    public void invocation(String server, String tool, String outcome, long durationMs) {
        Timer.builder("switchboard.tool.invocations")
                .description("Tool calls through the gateway, by server, tool and outcome")
                .tag("server", server).tag("tool", tool).tag("outcome", outcome)
                .publishPercentileHistogram()
                .register(registry)
                .record(Duration.ofMillis(durationMs));
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
