package dev.switchboard.invocation.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.Map;
import java.util.UUID;

/**
 * @param serverId  which server's tool, when several offer one of this name
 * @param timeoutMs lower than the configured default to give up sooner; capped at the configured maximum
 */
@RegisterForReflection
public record InvokeRequest(Map<String, Object> arguments, UUID serverId, @Min(1) @Max(3_600_000) Long timeoutMs) {

    public InvokeRequest {
        arguments = arguments == null ? Map.of() : arguments;
    }
}
