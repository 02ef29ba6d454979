package dev.switchboard.model.event;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The {@code data} of {@code tool.invoked} (the tool answered, or the cache did) and {@code tool.error} (the call
 * failed, or the tool answered with {@code isError}).
 *
 * Consumers read it as DESIGN §3 asks: fields added later are ignored, and numbers and flags are boxed, so that a
 * missing one reads as absent rather than as false.
 *
 * @param status        {@code ok}, {@code tool_error} (the tool's own error result) or {@code failed} (no result)
 * @param channel       the door the call came through: {@code rest} or {@code mcp}
 * @param error         why a failed call failed; absent otherwise
 * @param arguments     the argument values, only when the service is configured to include them
 * @param argumentNames the argument names, sorted, when the values are left out
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ToolInvoked(
        UUID serverId,
        String serverName,
        String tool,
        Long durationMs,
        Boolean cached,
        Boolean isError,
        Boolean success,
        String status,
        String channel,
        String error,
        Map<String, Object> arguments,
        List<String> argumentNames) {

    public static final String OK = "ok";
    public static final String TOOL_ERROR = "tool_error";
    public static final String FAILED = "failed";

    /**
     * Whether the event is {@code tool.error} rather than {@code tool.invoked}: the inverse of {@link #success()}.
     * Events have carried it as {@code failure} since this record was introduced, and DESIGN §3 removes no field.
     */
    @JsonProperty("failure")
    public boolean isFailure() {
        return Boolean.FALSE.equals(success);
    }
}
