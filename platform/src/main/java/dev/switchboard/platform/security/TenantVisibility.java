package dev.switchboard.platform.security;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * The one rule of DESIGN §4 for who sees a server: admins and services see every server; anyone else sees the
 * servers of its own tenant and the global servers (no tenant) that its tenant enabled in
 * {@code settings.enabledMcpServers}, by id or by name, names compared ignoring case since they are unique that way.
 * The registry's SQL filter mirrors it, with {@link #normalized(String)} for the names.
 */
public final class TenantVisibility {

    private TenantVisibility() {
    }

    /**
     * @param tenantScope    the caller's tenant, or empty for callers who see every tenant
     * @param enabledGlobals the ids and names of the global servers that the caller's tenant enabled
     */
    public static boolean sees(Optional<String> tenantScope, Collection<String> enabledGlobals, UUID serverTenant,
                               UUID serverId, String serverName) {
        if (tenantScope.isEmpty()) {
            return true;
        }
        if (serverTenant != null) {
            return serverTenant.toString().equals(tenantScope.get());
        }
        String name = normalized(serverName);
        return enabledGlobals.stream().anyMatch(enabled -> enabled.equals(serverId.toString()) || normalized(enabled).equals(name));
    }

    /** How names are compared: without regard to case. */
    public static String normalized(String name) {
        return name == null ? "" : name.toLowerCase(Locale.ROOT);
    }
}
