package dev.switchboard.registry.repository;

import java.util.List;
import java.util.UUID;

/**
 * What a server list is narrowed to; {@code null} members do not narrow it.
 *
 * @param tags       servers that carry all of these tags
 * @param text       found, ignoring case, in the name or the description
 * @param tenantId   for admins: one tenant's servers only
 */
public record ServerFilter(String status, UUID groupId, List<String> tags, Boolean enabled, String text,
                           UUID tenantId, boolean includeDeleted) {

    public ServerFilter {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }
}
