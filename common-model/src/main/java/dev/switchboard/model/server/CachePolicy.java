package dev.switchboard.model.server;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * Which of a server's tool results the gateway may answer from its cache, and for how long. Off unless asked for:
 * a tool's result may change with the world even when its arguments do not.
 *
 * @param enabled       cache the server's tools: all of them, or those named in {@code tools}
 * @param tools         tool names (globs, {@code *} for any run of characters) that {@code enabled} is limited to
 * @param readOnlyTools also cache the tools the server annotates {@code readOnlyHint}, even when not enabled
 * @param ttlSeconds    how long a result is served from the cache
 */
public record CachePolicy(
        Boolean enabled,
        @Size(max = 100) List<@NotBlank @Size(max = 128) String> tools,
        Boolean readOnlyTools,
        @Min(1) @Max(86_400) Integer ttlSeconds) {

    public static final CachePolicy OFF = new CachePolicy(false, List.of(), false, 300);

    public CachePolicy {
        enabled = enabled != null && enabled;
        tools = tools == null ? List.of() : List.copyOf(tools);
        readOnlyTools = readOnlyTools != null && readOnlyTools;
        ttlSeconds = ttlSeconds == null ? 300 : ttlSeconds;
    }
}
