package dev.switchboard.registry.api;

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
import java.time.Instant;
import java.util.List;

/**
 * A tenant's servers and groups as one document, to move a setup between environments. Ids stay behind (a server
 * names its group by name) and so do secrets, which appear as {@code "***"}. A server's fields are checked as in
 * {@code POST /api/servers} when it is imported.
 */
@RegisterForReflection
public record ServerExport(
        @NotNull @Pattern(regexp = FORMAT, message = "must be " + FORMAT) String format,
        Instant exportedAt,
        @Size(max = 500) List<@NotNull @Valid GroupRequest> groups,
        @Size(max = 1000) List<@NotNull @Valid Server> servers) {

    public static final String FORMAT = "switchboard.servers/v1";

    public ServerExport {
        groups = groups == null ? List.of() : List.copyOf(groups);
        servers = servers == null ? List.of() : List.copyOf(servers);
    }

    /** @param group the name of the group it belongs to, if any */
    @RegisterForReflection
    public record Server(
            @NotNull String name,
            String description,
            @NotNull TransportConfig transport,
            UpstreamAuth auth,
            HealthCheck healthCheck,
            RateLimits rateLimits,
            CachePolicy cache,
            ServerMetadata metadata,
            @Size(max = 100) String group,
            Boolean enabled) {
    }
}
