package dev.switchboard.model.registry;

import dev.switchboard.model.server.RateLimits;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A key as lists show it, and the {@code data} of {@code api_key.*} events: never the key itself, only its first
 * characters.
 */
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
