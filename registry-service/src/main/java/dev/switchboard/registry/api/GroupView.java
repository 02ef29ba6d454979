package dev.switchboard.registry.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.UUID;

/** @param serverCount the servers in the group, deleted ones not counted */
@RegisterForReflection
public record GroupView(UUID id, UUID tenantId, String name, String description, String color, String icon,
                        int sortOrder, long serverCount, Instant createdAt, Instant updatedAt) {
}
