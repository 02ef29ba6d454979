package dev.switchboard.model.server;

import dev.switchboard.model.auth.UpstreamAuth;
import dev.switchboard.model.transport.TransportConfig;
import java.time.Instant;
import java.util.UUID;

/**
 * A registered MCP server as the invocation service runs it. The registry's {@code server.*} events carry it with
 * every secret replaced by {@code "***"}; {@code GET /internal/servers} answers it with secrets in clear for the
 * service role only.
 *
 * @param tenantId {@code null} for a global server, which the tenants that enabled it share
 */
public record ServerDefinition(
        UUID id,
        UUID tenantId,
        String name,
        String description,
        TransportConfig transport,
        UpstreamAuth auth,
        HealthCheck healthCheck,
        RateLimits rateLimits,
        CachePolicy cache,
        ServerMetadata metadata,
        UUID groupId,
        boolean enabled,
        Instant updatedAt) {

    /** The value that stands for a secret in every answer but the service role's. */
    public static final String MASK = "***";

    public ServerDefinition {
        cache = cache == null ? CachePolicy.OFF : cache;
    }
}
