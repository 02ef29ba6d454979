package dev.switchboard.model.registry;

import java.time.Instant;
import java.util.UUID;

/** A tenant as the registry shows it, and the {@code data} of {@code tenant.*} events. */
public record TenantView(UUID id, String name, TenantSettings settings, Instant createdAt, Instant updatedAt) {
}
