package dev.switchboard.registry.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Map;
import java.util.UUID;

/**
 * A server to make from a template.
 *
 * @param env      a value for each placeholder of the template; the required ones must be there
 * @param tenantId an admin's choice of tenant; absent for a global server
 */
@RegisterForReflection
public record InstantiateRequest(
        @NotNull String name,
        @Size(max = 100) Map<@NotNull String, @NotNull @Size(max = 8192) String> env,
        UUID groupId,
        UUID tenantId) {

    public InstantiateRequest {
        env = env == null ? Map.of() : Map.copyOf(env);
    }
}
