package dev.switchboard.model.registry;

import java.time.Instant;
import java.util.UUID;

/**
 * A group as the registry shows it, and the {@code data} of {@code group.*} events.
 *
 * @param serverCount the servers in the group, deleted ones not counted */
public record GroupView(UUID id, UUID tenantId, String name, String description, String color, String icon,
                        int sortOrder, long serverCount, Instant createdAt, Instant updatedAt) {
}
