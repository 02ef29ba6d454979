package dev.switchboard.registry.repository;

import dev.switchboard.platform.security.TenantVisibility;
import dev.switchboard.registry.repository.ServerEntity;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The servers a caller can see: every one for admins and services; otherwise those of its tenant and the global
 * servers its tenant enabled (by id or name).
 */
public record ServerScope(boolean everything, UUID tenantId, List<String> enabledGlobals) {

    public static final ServerScope EVERYTHING = new ServerScope(true, null, List.of());

    public ServerScope {
        enabledGlobals = List.copyOf(enabledGlobals);
    }

    public boolean sees(ServerEntity server) {
        return TenantVisibility.sees(everything ? Optional.empty() : Optional.of(String.valueOf(tenantId)), enabledGlobals,
                server.tenantId, server.id, server.name);
    }

    /** The enabled global servers' names as the SQL filter compares them, by {@link TenantVisibility#normalized}. */
    public List<String> normalizedGlobals() {
        return enabledGlobals.stream().map(TenantVisibility::normalized).toList();
    }
}
