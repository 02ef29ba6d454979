package dev.switchboard.invocation.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.invocation.config.InvocationConfig;
import dev.switchboard.model.event.EventEnvelope;
import dev.switchboard.model.event.EventType;
import dev.switchboard.model.event.ToolInvoked;
import dev.switchboard.model.server.ServerDefinition;
import dev.switchboard.platform.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

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
     * One call as its event tells it.
     *
     * @param error   {@code null} for a call that reached the tool, even one whose result is an error
     * @param channel the door the call came through
     */
    public record Call(ServerDefinition server, String tool, Map<String, Object> arguments, long durationMs,
                       boolean cached, boolean isError, String error, Caller caller, ToolService.Channel channel) {

        public static Call answered(ServerDefinition server, String tool, Map<String, Object> arguments, long durationMs,
                                    boolean isError, Caller caller, ToolService.Channel channel) {
            return new Call(server, tool, arguments, durationMs, false, isError, null, caller, channel);
        }

        public static Call fromCache(ServerDefinition server, String tool, Map<String, Object> arguments, boolean isError,
                                     Caller caller, ToolService.Channel channel) {
            return new Call(server, tool, arguments, 0, true, isError, null, caller, channel);
        }

        public static Call failed(ServerDefinition server, String tool, Map<String, Object> arguments, long durationMs,
                                  String error, Caller caller, ToolService.Channel channel) {
            return new Call(server, tool, arguments, durationMs, false, false, error, caller, channel);
        }

        String status() {
            return error != null ? ToolInvoked.FAILED : isError ? ToolInvoked.TOOL_ERROR : ToolInvoked.OK;
        }
    }

    public void invoked(Call call) {
        String status = call.status();
        metrics.invocation(call.server().name(), call.tool(), call.cached() ? "cached" : status, call.durationMs());
        ToolInvoked data = new ToolInvoked(call.server().id(), call.server().name(), call.tool(), call.durationMs(),
                call.cached(), call.isError(), ToolInvoked.OK.equals(status), status, call.channel().wire(), call.error(),
                includeArguments ? call.arguments() : null,
                includeArguments ? null : call.arguments().keySet().stream().sorted().toList());
        ServerDefinition server = call.server();
        EventEnvelope event = EventEnvelope.of(EventsOffThePath.SOURCE,
                data.isFailure() ? EventType.TOOL_ERROR : EventType.TOOL_INVOKED, server.id().toString(),
                server.tenantId() == null ? call.caller().tenantId() : server.tenantId().toString(), call.caller().keyId(),
                // Written as it is when the envelope is encoded, rather than built into a tree first only to be written.
                json.getNodeFactory().pojoNode(data));
        events.publish(event);
    }
}
