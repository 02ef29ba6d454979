package dev.switchboard.invocation.service;

import dev.switchboard.invocation.client.TenantSettings;
import dev.switchboard.model.server.ServerDefinition;
import dev.switchboard.platform.security.Caller;
import dev.switchboard.platform.security.TenantVisibility;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The servers and tenant settings this replica knows, as the registry delivered them. Kept in memory only, because
 * a configuration holds secrets in clear; after a restart the registry delivers it again.
 */
@ApplicationScoped
public class ServerDirectory {

    private final Map<UUID, ServerDefinition> servers = new ConcurrentHashMap<>();
    private final Map<UUID, List<String>> enabledGlobals = new ConcurrentHashMap<>();

    public void replaceAll(Collection<ServerDefinition> current, Collection<TenantSettings> tenants) {
        servers.keySet().retainAll(current.stream().map(ServerDefinition::id).toList());
        current.forEach(this::put);
        enabledGlobals.keySet().retainAll(tenants.stream().map(TenantSettings::id).toList());
        tenants.forEach(this::putTenant);
    }

    public void put(ServerDefinition server) {
        servers.put(server.id(), server);
    }

    public void remove(UUID id) {
        servers.remove(id);
    }

    public void putTenant(TenantSettings tenant) {
        enabledGlobals.put(tenant.id(), tenant.enabledMcpServers());
    }

    public void removeTenant(UUID id) {
        enabledGlobals.remove(id);
    }

    public Optional<ServerDefinition> get(UUID id) {
        return Optional.ofNullable(servers.get(id));
    }

    public Collection<ServerDefinition> all() {
        return List.copyOf(servers.values());
    }

    /** DESIGN §4, by {@link TenantVisibility}: its tenant's servers and the global ones its tenant enabled; admins all. */
    public boolean visibleTo(ServerDefinition server, Caller caller) {
        List<String> enabled = caller.seesAllTenants() ? List.of()
                : caller.tenant().flatMap(ServerDirectory::uuid).map(enabledGlobals::get).orElse(List.of());
        return TenantVisibility.sees(caller.tenantScope(), enabled, server.tenantId(), server.id(), server.name());
    }

    private static Optional<UUID> uuid(String value) {
        try {
            return Optional.of(UUID.fromString(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
