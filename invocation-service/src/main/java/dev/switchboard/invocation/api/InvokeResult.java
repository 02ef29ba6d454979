package dev.switchboard.invocation.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.UUID;

/** What the tool answered; {@code isError} is the tool's own verdict, not a failure of the call. */
@RegisterForReflection
public record InvokeResult(JsonNode content, @JsonInclude(JsonInclude.Include.NON_NULL) JsonNode structuredContent,
                           boolean isError, Metadata metadata) {

    @RegisterForReflection
    public record Metadata(UUID serverId, String serverName, long durationMs, boolean cached) {
    }
}
