package dev.switchboard.invocation.service;

import dev.switchboard.invocation.client.TenantSettings;
import dev.switchboard.model.server.ServerDefinition;
import dev.switchboard.platform.security.Caller;
import dev.switchboard.platform.security.TenantVisibility;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The servers and tenant settings this replica knows, as the registry delivered them. Kept in memory only, because
 * a configuration holds secrets in clear; after a restart the registry delivers it again.
 */
@ApplicationScoped
public class ServerDirectory {

    private final Map<UUID, ServerDefinition> servers = new ConcurrentHashMap<>();
    /** Servers by name: names are unique within a tenant, so one name may stand for a few servers of different tenants. */
    private final Map<String, Set<UUID>> byName = new ConcurrentHashMap<>();
    private final Map<UUID, List<String>> enabledGlobals = new ConcurrentHashMap<>();

    public synchronized void replaceAll(Collection<ServerDefinition> current, Collection<TenantSettings> tenants) {
        Set<UUID> kept = current.stream().map(ServerDefinition::id).collect(Collectors.toSet());
        List.copyOf(servers.keySet()).stream().filter(id -> !kept.contains(id)).forEach(this::remove);
        current.forEach(this::put);
        enabledGlobals.keySet().retainAll(tenants.stream().map(TenantSettings::id).toList());
        tenants.forEach(this::putTenant);
    }

    public synchronized void put(ServerDefinition server) {
        ServerDefinition before = servers.put(server.id(), server);
        if (before != null) {
            unindex(before);
        }
        byName.computeIfAbsent(server.name(), name -> ConcurrentHashMap.newKeySet()).add(server.id());
    }

    public synchronized void remove(UUID id) {
        ServerDefinition removed = servers.remove(id);
        if (removed != null) {
            unindex(removed);
        }
    }

    /** The servers of this exact name, whatever their tenant. */
    public List<ServerDefinition> named(String name) {
        Set<UUID> ids = byName.getOrDefault(name, Set.of());
        return ids.stream().map(servers::get).filter(Objects::nonNull).toList();
    }

    private void unindex(ServerDefinition server) {
        byName.computeIfPresent(server.name(), (name, ids) -> {
            ids.remove(server.id());
            return ids.isEmpty() ? null : ids;
        });
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

    /**
     * The server that a path or query names, by id or, as the references address servers, by name, among those the
     * caller sees. A name that several of them share (an admin sees every tenant's) answers 409 naming their ids.
     */
    public ServerDefinition find(String idOrName, Caller caller) {
        Optional<UUID> id = uuid(idOrName);
        List<ServerDefinition> found = (id.isPresent() ? get(id.get()).stream().toList() : named(idOrName)).stream()
                .filter(server -> visibleTo(server, caller)).toList();
        return OneOffer.among(found, "server", idOrName, server -> server.id().toString(), "address one by its id");
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
