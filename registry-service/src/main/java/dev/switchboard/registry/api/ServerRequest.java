package dev.switchboard.registry.api;

import dev.switchboard.model.auth.NoAuth;
import dev.switchboard.model.auth.UpstreamAuth;
import dev.switchboard.model.server.CachePolicy;
import dev.switchboard.model.server.HealthCheck;
import dev.switchboard.model.server.RateLimits;
import dev.switchboard.model.server.ServerMetadata;
import dev.switchboard.model.transport.TransportConfig;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/**
 * A server as a client writes it: the body of a creation and of a replacement, and what a merge patch is applied to.
 * Secrets may be sent as {@code "***"} to keep the stored value. The name becomes the first half of the aggregated
 * tool names ({@code <server>__<tool>}), so it keeps to the characters MCP allows in tool names.
 *
 * @param tenantId an admin's choice of tenant at creation; absent for a global server; never changed afterwards
 */
@RegisterForReflection
public record ServerRequest(
        @NotNull @Pattern(regexp = NAME_PATTERN, message = NAME_RULE) String name,
        @Size(max = 1000) String description,
        UUID tenantId,
        @NotNull @Valid TransportConfig transport,
        @Valid UpstreamAuth auth,
        @Valid HealthCheck healthCheck,
        @Valid RateLimits rateLimits,
        @Valid CachePolicy cache,
        @Valid ServerMetadata metadata,
        UUID groupId,
        Boolean enabled) {

    public static final String NAME_PATTERN = "^(?!.*__)[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$";
    public static final String NAME_RULE =
            "must be 1 to 64 letters, digits, '.', '_' or '-', start with a letter or digit and not contain '__'";

    public ServerRequest {
        auth = auth == null ? new NoAuth() : auth;
        healthCheck = healthCheck == null ? HealthCheck.DEFAULT : healthCheck;
        rateLimits = rateLimits == null ? RateLimits.UNLIMITED : rateLimits;
        cache = cache == null ? CachePolicy.OFF : cache;
        metadata = metadata == null ? ServerMetadata.EMPTY : metadata;
        enabled = enabled == null || enabled;
    }
}
