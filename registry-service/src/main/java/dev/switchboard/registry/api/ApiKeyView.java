package dev.switchboard.registry.api;

import dev.switchboard.model.server.RateLimits;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A key as lists show it: never the key itself, only its first characters. */
@RegisterForReflection
public record ApiKeyView(
        UUID id,
        String name,
        String role,
        UUID tenantId,
        String prefix,
        List<String> tools,
        Instant expiresAt,
        RateLimits rateLimits,
        Instant lastUsedAt,
        Instant createdAt) {
}
