package dev.switchboard.registry.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.model.api.PageResult;
import dev.switchboard.model.event.EventType;
import dev.switchboard.platform.error.ApiException;
import dev.switchboard.platform.net.TransportRules;
import dev.switchboard.platform.security.Caller;
import dev.switchboard.registry.api.ServerRequest;
import dev.switchboard.registry.api.ServerView;
import dev.switchboard.registry.mapping.MergePatcher;
import dev.switchboard.registry.mapping.ServerMapper;
import dev.switchboard.registry.repository.ServerEntity;
import dev.switchboard.registry.repository.ServerFilter;
import dev.switchboard.registry.repository.ServerRepository;
import dev.switchboard.registry.repository.ServerStatusEntity;
import dev.switchboard.registry.repository.ServerStatusRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Servers within the caller's reach. Everyone reads what its scope shows; managers write their own tenant's servers,
 * admins every server, and only admins stdio servers. A server out of scope answers 404; a global server that a
 * manager sees but may not change answers 403.
 */
@ApplicationScoped
public class ServerService {

    private final ServerRepository servers;
    private final ServerStatusRepository statuses;
    private final ServerWrites writes;
    private final ServerMapper mapper;
    private final Tenancy tenancy;
    private final MergePatcher patcher;
    private final RegistryEvents events;
    private final TransportRules transportRules;

    public ServerService(ServerRepository servers, ServerStatusRepository statuses, ServerWrites writes,
                         ServerMapper mapper, Tenancy tenancy, MergePatcher patcher, RegistryEvents events,
                         TransportRules transportRules) {
        this.servers = servers;
        this.statuses = statuses;
        this.writes = writes;
        this.mapper = mapper;
        this.tenancy = tenancy;
        this.patcher = patcher;
        this.events = events;
        this.transportRules = transportRules;
    }

    @Transactional
    public ServerView create(ServerRequest request, Caller caller) {
        UUID tenantId = tenancy.ownerOfNew(caller, request.tenantId());
        ServerEntity entity = new ServerEntity();
        entity.id = UUID.randomUUID();
        entity.tenantId = tenantId;
        entity.createdBy = caller.keyId();
        entity.createdAt = Instant.now();
        writes.write(entity, request, caller);
        writes.persistNew(entity, caller);
        return mapper.toView(entity, null, false);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public PageResult<ServerView> list(ServerFilter filter, int limit, int offset, boolean withTools, Caller caller) {
        ServerFilter scoped = caller.seesAllTenants() ? filter : new ServerFilter(filter.status(), filter.groupId(),
                filter.tags(), filter.enabled(), filter.text(), null, filter.includeDeleted());
        ServerRepository.Page page = servers.search(scoped, tenancy.scope(caller), limit, offset);
        Map<String, ServerStatusEntity> reported = statusesOf(page.items());
        List<ServerView> items = page.items().stream()
                .map(server -> mapper.toView(server, reported.get(server.id.toString()), withTools, caller.toolPatterns()))
                .toList();
        return new PageResult<>(items, page.total(), limit, offset);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public ServerView get(UUID id, boolean withTools, boolean includeDeleted, Caller caller) {
        ServerEntity entity = visible(id, caller, includeDeleted);
        return mapper.toView(entity, statuses.findById(id.toString()), withTools, caller.toolPatterns());
    }

    /** PUT: the request replaces the server; {@code "***"} keeps a stored secret. */
    @Transactional
    public ServerView replace(UUID id, ServerRequest request, Caller caller) {
        ServerEntity entity = writable(id, caller);
        if (request.tenantId() != null && !request.tenantId().equals(entity.tenantId)) {
            throw ApiException.invalid("tenantId", "cannot change; export the server and import it into the other tenant");
        }
        return update(entity, request, caller);
    }

    /** PATCH: a JSON Merge Patch over the server as {@link ServerMapper#toRequest} shows it. */
    @Transactional
    public ServerView patch(UUID id, JsonNode patch, Caller caller) {
        ServerEntity entity = writable(id, caller);
        ServerRequest request = patcher.apply(mapper.toRequest(entity), patch, ServerRequest.class);
        if (!Objects.equals(request.tenantId(), entity.tenantId)) {
            throw ApiException.invalid("tenantId", "cannot change; export the server and import it into the other tenant");
        }
        return update(entity, request, caller);
    }

    /**
     * Soft: the row stays, so that restore can bring it back; its name is free meanwhile. Deleting or restoring a
     * stdio server changes what runs on the invocation pods, so it takes an admin, as creating one does.
     */
    @Transactional
    public void delete(UUID id, Caller caller) {
        ServerEntity entity = writable(id, caller);
        transportRules.requireMayUse(null, mapper.toDefinition(entity).transport(), caller);
        entity.deletedAt = Instant.now();
        entity.updatedAt = entity.deletedAt;
        events.record(EventType.SERVER_DELETED, entity.id, entity.tenantId, caller, mapper.toDefinition(entity));
    }

    @Transactional
    public ServerView restore(UUID id, Caller caller) {
        ServerEntity entity = visible(id, caller, true);
        requireMayWrite(entity, caller);
        transportRules.requireMayUse(null, mapper.toDefinition(entity).transport(), caller);
        if (entity.deletedAt == null) {
            throw ApiException.conflict("server " + entity.name + " is not deleted");
        }
        if (servers.nameTaken(entity.tenantId, entity.name, entity.id)) {
            throw ApiException.conflict("another server is named " + entity.name + " now; rename it first");
        }
        entity.deletedAt = null;
        entity.updatedAt = Instant.now();
        events.record(EventType.SERVER_RESTORED, entity.id, entity.tenantId, caller, mapper.toDefinition(entity));
        return mapper.toView(entity, statuses.findById(id.toString()), false);
    }

    ServerEntity visible(UUID id, Caller caller, boolean includeDeleted) {
        return servers.findByIdOptional(id)
                .filter(server -> includeDeleted || server.deletedAt == null)
                .filter(tenancy.scope(caller)::sees)
                .orElseThrow(() -> ApiException.notFound("server", id));
    }

    private ServerView update(ServerEntity entity, ServerRequest request, Caller caller) {
        ServerWrites.Before before = writes.before(entity);
        writes.write(entity, request, caller);
        writes.announceChanges(entity, before, caller);
        return mapper.toView(entity, statuses.findById(entity.id.toString()), false);
    }

    private ServerEntity writable(UUID id, Caller caller) {
        ServerEntity entity = visible(id, caller, false);
        requireMayWrite(entity, caller);
        return entity;
    }

    private static void requireMayWrite(ServerEntity entity, Caller caller) {
        if (entity.tenantId == null && !caller.isAdmin()) {
            throw ApiException.forbidden("global servers are managed by admins");
        }
    }

    private Map<String, ServerStatusEntity> statusesOf(List<ServerEntity> page) {
        if (page.isEmpty()) {
            return Map.of();
        }
        return statuses.list("serverId in ?1", page.stream().map(server -> server.id.toString()).toList()).stream()
                .collect(Collectors.toMap(status -> status.serverId, Function.identity()));
    }
}
