package dev.switchboard.registry.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.model.auth.UpstreamAuth;
import dev.switchboard.model.server.CachePolicy;
import dev.switchboard.model.server.HealthCheck;
import dev.switchboard.model.server.RateLimits;
import dev.switchboard.model.server.ServerMetadata;
import dev.switchboard.model.transport.TransportConfig;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.UUID;

/**
 * A server as the API answers it: secrets as {@code "***"}, and the connection state the invocation service last
 * reported ({@code status} is {@code disconnected} until it reports one).
 *
 * @param tools the tools last listed by {@code catalog.changed}, only with {@code include=tools}
 */
@RegisterForReflection
public record ServerView(
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
        String status,
        int toolCount,
        int promptCount,
        int resourceCount,
        Instant lastStatusAt,
        String lastError,
        @JsonInclude(JsonInclude.Include.NON_NULL) JsonNode tools,
        Instant createdAt,
        Instant updatedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) Instant deletedAt) {
}
