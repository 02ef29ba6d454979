package dev.switchboard.invocation.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.model.event.EventEnvelope;
import dev.switchboard.model.event.EventType;
import dev.switchboard.model.server.ServerDefinition;
import dev.switchboard.platform.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import dev.switchboard.invocation.config.InvocationConfig;

/**
 * {@code tool.invoked} and {@code tool.error}, published without blocking or failing the call, and the call's metrics. Argument values stay
 * out unless {@code switchboard.invocation.events.include-arguments} is on, since they may hold personal data.
 */
@ApplicationScoped
public class InvocationEvents {

    private final EventsOffThePath events;
    private final InvocationMetrics metrics;
    private final ObjectMapper json;
    private final boolean includeArguments;

    public InvocationEvents(EventsOffThePath events, InvocationMetrics metrics, ObjectMapper json, InvocationConfig config) {
        this.events = events;
        this.metrics = metrics;
        this.json = json;
        this.includeArguments = config.events().includeArguments();
    }

    /**
     * @param error   {@code null} for a call that reached the tool, even one whose result is an error
     * @param channel the door the call came through: {@code rest} or {@code mcp}
     */
    public void invoked(ServerDefinition server, String tool, Map<String, Object> arguments, long durationMs, boolean cached,
                        boolean isError, String error, Caller caller, String channel) {
        boolean failed = error != null;
        metrics.invocation(server.name(), tool, cached ? "cached" : failed ? "failed" : isError ? "tool_error" : "ok", durationMs);
        ObjectNode data = json.createObjectNode()
                .put("serverId", server.id().toString())
                .put("serverName", server.name())
                .put("tool", tool)
                .put("durationMs", durationMs)
                .put("cached", cached)
                .put("isError", isError)
                .put("success", !failed && !isError)
                .put("status", failed ? "failed" : isError ? "tool_error" : "ok")
                .put("channel", channel);
        if (failed) {
            data.put("error", error);
        }
        if (includeArguments) {
            data.set("arguments", json.valueToTree(arguments));
        } else {
            data.putArray("argumentNames").addAll(arguments.keySet().stream().sorted().map(json.getNodeFactory()::textNode).toList());
        }
        EventEnvelope event = EventEnvelope.of(EventsOffThePath.SOURCE, failed || isError ? EventType.TOOL_ERROR : EventType.TOOL_INVOKED,
                server.id().toString(), server.tenantId() == null ? caller.tenantId() : server.tenantId().toString(),
                caller.keyId(), data);
        events.publish(event);
    }
}
