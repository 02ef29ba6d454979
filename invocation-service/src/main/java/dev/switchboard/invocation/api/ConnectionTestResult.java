package dev.switchboard.invocation.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * How trying a configuration went.
 *
 * @param serverInfo the name the server gave itself
 * @param tools      only for {@code /api/connections/test/tools}
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConnectionTestResult(boolean success, String serverInfo, String protocolVersion, Integer toolCount,
                                   Integer promptCount, Integer resourceCount, long durationMs, String error,
                                   JsonNode tools) {
}
