package dev.switchboard.registry.api;

import java.time.Instant;
import java.util.UUID;

public record TenantView(UUID id, String name, TenantSettings settings, Instant createdAt, Instant updatedAt) {
}
