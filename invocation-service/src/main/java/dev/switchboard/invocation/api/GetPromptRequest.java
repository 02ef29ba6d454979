package dev.switchboard.invocation.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.Map;
import java.util.UUID;

/** @param serverId which server's prompt, when several offer one of this name */
@RegisterForReflection
public record GetPromptRequest(UUID serverId, Map<String, Object> arguments) {

    public GetPromptRequest {
        arguments = arguments == null ? Map.of() : arguments;
    }
}
