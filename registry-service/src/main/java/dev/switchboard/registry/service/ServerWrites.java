package dev.switchboard.registry.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.model.api.FieldError;
import dev.switchboard.model.event.EventType;
import dev.switchboard.model.transport.TransportConfig;
import dev.switchboard.platform.error.ApiException;
import dev.switchboard.platform.security.Caller;
import dev.switchboard.registry.api.ServerRequest;
import dev.switchboard.registry.mapping.SecretDestination;
import dev.switchboard.registry.mapping.ServerMapper;
import dev.switchboard.registry.mapping.ServerSecrets.Part;
import dev.switchboard.registry.mapping.ServerSecrets;
import dev.switchboard.registry.repository.GroupRepository;
import dev.switchboard.registry.repository.ServerEntity;
import dev.switchboard.registry.repository.ServerRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The one write path of a server's configuration, shared by the server endpoints, groups and import: check a request,
 * seal its secrets, store it, and announce what changed. What counts as a change is the server's definition itself
 * (the record that {@code server.*} events carry), so a field added to it is compared and announced without being
 * listed here.
 */
@ApplicationScoped
public class ServerWrites {

    /** Fields of the definition that are state, not configuration: they never make a {@code server.updated}. */
    private static final List<String> NOT_CONFIGURATION = List.of("enabled", "updatedAt");

    private final ServerRepository servers;
    private final GroupRepository groups;
    private final ServerMapper mapper;
    private final ServerSecrets secrets;
    private final ServerRules rules;
    private final RegistryEvents events;

    public ServerWrites(ServerRepository servers, GroupRepository groups, ServerMapper mapper, ServerSecrets secrets,
                 ServerRules rules, RegistryEvents events) {
        this.servers = servers;
        this.groups = groups;
        this.mapper = mapper;
        this.secrets = secrets;
        this.rules = rules;
        this.events = events;
    }

    /**
     * @param missing            secrets sent as {@code "***"} that nothing supplies; they are left out
     * @param destinationChanges what changed about where the secrets go, which is why stored ones were not kept
     */
    record StoredSecrets(List<String> missing, List<String> destinationChanges) {
    }

    /** A server as it was before a write: its configuration (secrets in clear, so that a new value counts) and flag. */
    record Before(JsonNode configuration, boolean enabled) {
    }

    Before before(ServerEntity entity) {
        return new Before(configuration(entity), entity.enabled);
    }

    /**
     * Checks and stores a request in a new or existing server: rules, group and name, then seals its secrets.
     * Secrets sent as {@code "***"} with nothing stored, or whose destination changed, are refused, naming each.
     */
    void write(ServerEntity entity, ServerRequest request, Caller caller) {
        StoredSecrets stored = store(entity, request, caller);
        if (!stored.missing().isEmpty()) {
            String reason = stored.destinationChanges().isEmpty()
                    ? "is \"***\", which keeps a stored secret, but none is stored"
                    : "is \"***\", but " + String.join(", ", stored.destinationChanges())
                    + " changed, so the stored secret is not sent there; send the secret again";
            throw ApiException.invalid(stored.missing().stream().map(field -> new FieldError(field, reason)).toList());
        }
    }

    /** Like {@link #write}, but leaves secrets that nothing supplies out, and names them. */
    StoredSecrets store(ServerEntity entity, ServerRequest request, Caller caller) {
        TransportConfig current = entity.transport == null ? null : mapper.toDefinition(entity).transport();
        rules.check(request, current, caller);
        if (request.groupId() != null && groups.findByIdOptional(request.groupId())
                .filter(group -> Objects.equals(group.tenantId, entity.tenantId)).isEmpty()) {
            throw ApiException.invalid("groupId", "no such group in this server's tenant");
        }
        if (servers.nameTaken(entity.tenantId, request.name(), entity.id)) {
            throw ApiException.conflict("a server named " + request.name() + " exists already");
        }
        JsonNode transport = mapper.tree(request.transport());
        JsonNode auth = mapper.tree(request.auth());
        JsonNode storedTransport = entity.transport == null ? null : mapper.tree(entity.transport);
        JsonNode storedAuth = entity.auth == null ? null : mapper.tree(entity.auth);
        List<String> transportMoved = storedTransport == null ? List.of()
                : SecretDestination.transportChanges(storedTransport, transport);
        List<String> authMoved = storedTransport == null ? List.of()
                : SecretDestination.authChanges(storedTransport, storedAuth, transport, auth);
        ServerSecrets.Sealed sealedTransport = secrets.seal(Part.TRANSPORT, transport,
                storedTransport != null && transportMoved.isEmpty() ? storedTransport : null);
        ServerSecrets.Sealed sealedAuth = secrets.seal(Part.AUTH, auth,
                storedTransport != null && authMoved.isEmpty() ? storedAuth : null);
        mapper.apply(request, sealedTransport.document(), sealedAuth.document(), entity);
        entity.updatedAt = Instant.now();
        List<String> missing = Stream.concat(sealedTransport.missing().stream(), sealedAuth.missing().stream()).toList();
        List<String> moved = sealedAuth.missing().isEmpty() ? transportMoved : authMoved;
        return new StoredSecrets(missing, missing.isEmpty() ? List.of() : moved);
    }

    /** Stores a new server and announces it. */
    void persistNew(ServerEntity entity, Caller caller) {
        servers.persist(entity);
        events.record(EventType.SERVER_CREATED, entity.id, entity.tenantId, caller, mapper.toDefinition(entity));
    }

    /**
     * Emits {@code server.updated} when the configuration changed and {@code server.enabled|disabled} when the flag
     * did.
     *
     * @return whether anything changed
     */
    boolean announceChanges(ServerEntity entity, Before before, Caller caller) {
        boolean configured = !before.configuration().equals(configuration(entity));
        if (configured) {
            events.record(EventType.SERVER_UPDATED, entity.id, entity.tenantId, caller, mapper.toDefinition(entity));
        }
        boolean flagged = before.enabled() != entity.enabled;
        if (flagged) {
            events.record(entity.enabled ? EventType.SERVER_ENABLED : EventType.SERVER_DISABLED, entity.id,
                    entity.tenantId, caller, mapper.toDefinition(entity));
        }
        return configured || flagged;
    }

    private JsonNode configuration(ServerEntity entity) {
        ObjectNode definition = (ObjectNode) mapper.tree(mapper.toOpenDefinition(entity));
        definition.remove(NOT_CONFIGURATION);
        return definition;
    }
}
