package dev.switchboard.registry.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;

@RegisterForReflection
public record GroupServersRequest(@NotEmpty @Size(max = 100) List<@NotNull UUID> serverIds) {
}
