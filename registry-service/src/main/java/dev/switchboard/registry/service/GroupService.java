package dev.switchboard.registry.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.model.api.PageResult;
import dev.switchboard.model.event.EventType;
import dev.switchboard.model.registry.GroupView;
import dev.switchboard.platform.error.ApiException;
import dev.switchboard.platform.security.Caller;
import dev.switchboard.registry.api.GroupRequest;
import dev.switchboard.registry.mapping.GroupMapper;
import dev.switchboard.registry.mapping.MergePatcher;
import dev.switchboard.registry.repository.GroupEntity;
import dev.switchboard.registry.repository.GroupRepository;
import dev.switchboard.registry.repository.ServerEntity;
import dev.switchboard.registry.repository.ServerRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Groups of a tenant's servers, or of global servers for admins. Another tenant's group answers 404. Moving servers
 * in or out of a group is a change of those servers, announced as {@code server.updated}.
 */
@ApplicationScoped
public class GroupService {

    private final GroupRepository groups;
    private final ServerRepository servers;
    private final ServerService serverService;
    private final ServerWrites writes;
    private final GroupMapper mapper;
    private final Tenancy tenancy;
    private final MergePatcher patcher;
    private final Validator validator;
    private final RegistryEvents events;

    public GroupService(GroupRepository groups, ServerRepository servers, ServerService serverService,
                        ServerWrites writes, GroupMapper mapper, Tenancy tenancy, MergePatcher patcher, Validator validator,
                        RegistryEvents events) {
        this.groups = groups;
        this.servers = servers;
        this.serverService = serverService;
        this.writes = writes;
        this.mapper = mapper;
        this.tenancy = tenancy;
        this.patcher = patcher;
        this.validator = validator;
        this.events = events;
    }

    @Transactional
    public GroupView create(GroupRequest request, Caller caller) {
        GroupEntity entity = new GroupEntity();
        entity.id = UUID.randomUUID();
        entity.tenantId = tenancy.ownerOfNew(caller, request.tenantId());
        requireUniqueName(entity.tenantId, request.name(), entity.id);
        mapper.apply(request, entity);
        entity.createdAt = Instant.now();
        entity.updatedAt = entity.createdAt;
        groups.persist(entity);
        GroupView view = mapper.toView(entity, 0);
        events.record(EventType.GROUP_CREATED, entity.id, entity.tenantId, caller, view);
        return view;
    }

    /** @param tenantId for admins: one tenant's groups; everyone else sees its own tenant's */
    @Transactional(Transactional.TxType.SUPPORTS)
    public PageResult<GroupView> list(UUID tenantId, int limit, int offset, Caller caller) {
        List<GroupEntity> found = caller.seesAllTenants()
                ? (tenantId == null ? groups.all() : groups.inTenant(tenantId))
                : groups.inTenant(Tenancy.callerTenant(caller));
        List<GroupView> page = found.stream().skip(offset).limit(limit).map(this::view).toList();
        return new PageResult<>(page, found.size(), limit, offset);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public GroupView get(UUID id, Caller caller) {
        return view(visible(id, caller));
    }

    @Transactional
    public GroupView replace(UUID id, GroupRequest request, Caller caller) {
        return update(visible(id, caller), request, caller);
    }

    @Transactional
    public GroupView patch(UUID id, JsonNode patch, Caller caller) {
        GroupEntity entity = visible(id, caller);
        GroupRequest request = patcher.apply(mapper.toRequest(entity), patch, GroupRequest.class);
        var violations = validator.validate(request);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return update(entity, request, caller);
    }

    /** The group's servers become ungrouped; none is deleted. */
    @Transactional
    public void delete(UUID id, Caller caller) {
        GroupEntity entity = visible(id, caller);
        for (ServerEntity server : servers.liveInGroup(id)) {
            moveTo(server, null, caller);
        }
        GroupView view = mapper.toView(entity, 0);
        groups.delete(entity);
        events.record(EventType.GROUP_DELETED, id, entity.tenantId, caller, view);
    }

    /** Servers of the group's tenant, each visible to the caller and one it may change, join the group. */
    @Transactional
    public GroupView addServers(UUID id, List<UUID> serverIds, Caller caller) {
        GroupEntity group = visible(id, caller);
        for (UUID serverId : serverIds) {
            ServerEntity server = serverService.visible(serverId, caller, false);
            if (!Objects.equals(server.tenantId, group.tenantId)) {
                throw ApiException.invalid("serverIds", "server " + serverId + " is not in this group's tenant");
            }
            moveTo(server, id, caller);
        }
        return view(group);
    }

    private void moveTo(ServerEntity server, UUID groupId, Caller caller) {
        if (Objects.equals(server.groupId, groupId)) {
            return;
        }
        ServerWrites.Before before = writes.before(server);
        server.groupId = groupId;
        server.updatedAt = Instant.now();
        writes.announceChanges(server, before, caller);
    }

    private GroupView update(GroupEntity entity, GroupRequest request, Caller caller) {
        if (request.tenantId() != null && !request.tenantId().equals(entity.tenantId)) {
            throw ApiException.invalid("tenantId", "cannot change");
        }
        requireUniqueName(entity.tenantId, request.name(), entity.id);
        mapper.apply(request, entity);
        entity.updatedAt = Instant.now();
        GroupView view = view(entity);
        events.record(EventType.GROUP_UPDATED, entity.id, entity.tenantId, caller, view);
        return view;
    }

    private GroupView view(GroupEntity entity) {
        return mapper.toView(entity, servers.countLiveInGroup(entity.id));
    }

    /** Only admins and managers reach the writes, so a group a caller sees is one it may change. */
    private GroupEntity visible(UUID id, Caller caller) {
        return groups.findByIdOptional(id)
                .filter(group -> caller.seesAllTenants() || Objects.equals(group.tenantId, Tenancy.callerTenant(caller)))
                .orElseThrow(() -> ApiException.notFound("group", id));
    }

    private void requireUniqueName(UUID tenantId, String name, UUID except) {
        if (groups.named(tenantId, name).filter(group -> !group.id.equals(except)).isPresent()) {
            throw ApiException.conflict("a group named " + name + " exists already");
        }
    }
}
