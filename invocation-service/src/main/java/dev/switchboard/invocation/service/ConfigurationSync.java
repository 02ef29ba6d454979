package dev.switchboard.invocation.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.invocation.client.RegistryClient;
import dev.switchboard.invocation.client.RegistryUnavailableException;
import dev.switchboard.invocation.client.TenantSettings;
import dev.switchboard.invocation.config.InvocationConfig;
import dev.switchboard.model.event.EventEnvelope;
import dev.switchboard.model.event.EventType;
import dev.switchboard.model.registry.TenantView;
import dev.switchboard.model.server.ServerDefinition;
import dev.switchboard.platform.events.MalformedEventException;
import dev.switchboard.platform.security.Caller;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Keeps this replica's configuration equal to the registry's: everything from the internal API at start (retried
 * until the registry answers), then each change as its event arrives, read back in full from the internal API since
 * events carry no secrets. When the registry cannot be reached, what is known keeps being served; deletion and
 * disabling, which need nothing from the registry, still take effect.
 */
@ApplicationScoped
public class ConfigurationSync {

    private static final Logger LOG = Logger.getLogger(ConfigurationSync.class);

    private final RegistryClient registry;
    private final ServerDirectory directory;
    private final ConnectionManager connections;
    private final ServerGuards guards;
    private final InvocationConfig.Registry config;
    private final Event<McpNotifications.ViewChange> views;
    private final ObjectMapper json;
    private volatile boolean loaded;
    private volatile Thread loader;

    public ConfigurationSync(RegistryClient registry, ServerDirectory directory, ConnectionManager connections,
                             ServerGuards guards, InvocationConfig config, Event<McpNotifications.ViewChange> views,
                             ObjectMapper json) {
        this.guards = guards;
        this.json = json;
        this.views = views;
        this.registry = registry;
        this.directory = directory;
        this.connections = connections;
        this.config = config.registry();
    }

    void started(@Observes StartupEvent startup) {
        loader = new Thread(this::loadUntilDone, "registry-config-loader");
        loader.setDaemon(true);
        loader.start();
    }

    void stopping(@Observes ShutdownEvent shutdown) {
        Thread running = loader;
        if (running != null) {
            running.interrupt();
        }
    }

    public boolean loaded() {
        return loaded;
    }

    /** Everything again, as {@code POST /api/reload} asks. */
    public int reloadAll() {
        List<ServerDefinition> servers = registry.servers();
        List<TenantSettings> tenants = registry.tenants();
        directory.replaceAll(servers, tenants);
        connections.retainOnly(servers.stream().map(ServerDefinition::id).toList());
        servers.forEach(connections::apply);
        loaded = true;
        return servers.size();
    }

    /**
     * The id of the server to reload: an id as given, which may be a server this replica has not heard of yet, or
     * the id of the server of that name, found as every path that names a server finds it.
     */
    public UUID idOf(String idOrName, Caller caller) {
        try {
            return UUID.fromString(idOrName);
        } catch (IllegalArgumentException notAnId) {
            return directory.find(idOrName, caller).id();
        }
    }

    /** One server again; {@code false} when the registry no longer has it, which removes it here too. */
    public boolean reload(UUID serverId) {
        Optional<ServerDefinition> server = registry.server(serverId);
        if (server.isPresent()) {
            directory.put(server.get());
            connections.apply(server.get());
            return true;
        }
        directory.remove(serverId);
        connections.forget(serverId);
        return false;
    }

    public void apply(EventEnvelope event) {
        EventType type = event.knownType().orElse(null);
        if (type == null || event.subject() == null) {
            return;
        }
        UUID subject;
        try {
            subject = UUID.fromString(event.subject());
        } catch (IllegalArgumentException e) {
            return;
        }
        switch (type) {
            case SERVER_DELETED -> {
                directory.remove(subject);
                connections.forget(subject);
                guards.forget(subject);
            }
            case SERVER_CREATED, SERVER_UPDATED, SERVER_RESTORED, SERVER_ENABLED, SERVER_DISABLED -> refresh(subject, type);
            case TENANT_CREATED, TENANT_UPDATED -> {
                directory.putTenant(new TenantSettings(subject, enabledGlobals(event)));
                views.fire(new McpNotifications.ViewChange(subject.toString()));
            }
            case TENANT_DELETED -> {
                directory.removeTenant(subject);
                views.fire(new McpNotifications.ViewChange(subject.toString()));
            }
            default -> {
                // Keys and groups change nothing here; revoked keys are the platform's concern.
            }
        }
    }

    private void refresh(UUID serverId, EventType type) {
        try {
            reload(serverId);
        } catch (RegistryUnavailableException e) {
            if (type == EventType.SERVER_DISABLED) {
                directory.get(serverId).map(ConfigurationSync::disabled).ifPresent(server -> {
                    directory.put(server);
                    connections.apply(server);
                });
            }
            LOG.warnf("Could not read server %s from the registry after %s; keeping what is known: %s", serverId,
                    type.typeName(), e.getMessage());
        }
    }

    private void loadUntilDone() {
        while (!loaded && !Thread.currentThread().isInterrupted()) {
            try {
                int count = reloadAll();
                LOG.infof("Loaded %d servers from the registry", count);
            } catch (RegistryUnavailableException e) {
                LOG.warnf("The registry cannot give the configuration yet (%s); trying again in %s", e.getMessage(),
                        config.retryInterval());
                try {
                    Thread.sleep(config.retryInterval().toMillis());
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    private List<String> enabledGlobals(EventEnvelope event) {
        try {
            TenantView tenant = json.treeToValue(event.data(), TenantView.class);
            return tenant == null || tenant.settings() == null ? List.of() : tenant.settings().enabledMcpServers();
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("tenant data does not fit TenantView: " + e.getOriginalMessage());
        }
    }

    private static ServerDefinition disabled(ServerDefinition server) {
        return new ServerDefinition(server.id(), server.tenantId(), server.name(), server.description(),
                server.transport(), server.auth(), server.healthCheck(), server.rateLimits(), server.cache(), server.metadata(),
                server.groupId(), false, server.updatedAt());
    }
}
