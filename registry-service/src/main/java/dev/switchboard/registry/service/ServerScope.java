package dev.switchboard.registry.service;

import dev.switchboard.registry.repository.ServerEntity;
import java.util.List;
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
        if (everything) {
            return true;
        }
        if (server.tenantId == null) {
            return enabledGlobals.contains(server.id.toString()) || enabledGlobals.contains(server.name);
        }
        return server.tenantId.equals(tenantId);
    }
}
