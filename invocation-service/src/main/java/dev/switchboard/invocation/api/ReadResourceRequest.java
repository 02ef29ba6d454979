package dev.switchboard.invocation.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.UUID;

@RegisterForReflection
public record ReadResourceRequest(@NotNull UUID serverId, @NotBlank @Size(max = 4096) String uri) {
}
