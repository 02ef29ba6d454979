package dev.switchboard.registry.service;

import dev.switchboard.model.api.FieldError;
import dev.switchboard.model.event.EventType;
import dev.switchboard.model.server.ServerDefinition;
import dev.switchboard.platform.error.ApiException;
import dev.switchboard.platform.error.ProblemMapping;
import dev.switchboard.platform.security.Caller;
import dev.switchboard.registry.api.GroupRequest;
import dev.switchboard.registry.api.ImportResult.Action;
import dev.switchboard.registry.api.ImportResult;
import dev.switchboard.registry.api.ServerExport;
import dev.switchboard.registry.api.ServerRequest;
import dev.switchboard.registry.mapping.GroupMapper;
import dev.switchboard.registry.mapping.ServerMapper;
import dev.switchboard.registry.repository.GroupEntity;
import dev.switchboard.registry.repository.GroupRepository;
import dev.switchboard.registry.repository.ServerEntity;
import dev.switchboard.registry.repository.ServerRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.validation.Validator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Export and import of one tenant's servers and groups. Import matches by name and is idempotent: what exists is
 * brought in line with the document (stored secrets kept), what does not is created, and a second import of the
 * same document changes nothing. It is one transaction: a document with any bad part changes nothing at all.
 */
@ApplicationScoped
public class ServerTransferService {

    private final ServerRepository servers;
    private final GroupRepository groups;
    private final ServerWrites writes;
    private final ServerMapper serverMapper;
    private final GroupMapper groupMapper;
    private final Tenancy tenancy;
    private final Validator validator;
    private final RegistryEvents events;

    public ServerTransferService(ServerRepository servers, GroupRepository groups, ServerWrites writes,
                                 ServerMapper serverMapper, GroupMapper groupMapper, Tenancy tenancy,
                                 Validator validator, RegistryEvents events) {
        this.servers = servers;
        this.groups = groups;
        this.writes = writes;
        this.serverMapper = serverMapper;
        this.groupMapper = groupMapper;
        this.tenancy = tenancy;
        this.validator = validator;
        this.events = events;
    }

    /** @param tenantId for admins, the tenant to export ({@code null}: the global servers) */
    @Transactional(Transactional.TxType.SUPPORTS)
    public ServerExport export(UUID tenantId, Caller caller) {
        UUID tenant = tenancy.ownerOfNew(caller, tenantId);
        List<GroupEntity> tenantGroups = groups.inTenant(tenant);
        Map<UUID, String> groupNames = new HashMap<>();
        tenantGroups.forEach(group -> groupNames.put(group.id, group.name));
        List<ServerExport.Server> exported = servers.liveInTenant(tenant).stream().map(server -> {
            ServerDefinition definition = serverMapper.toDefinition(server);
            return new ServerExport.Server(definition.name(), definition.description(), definition.transport(),
                    definition.auth(), definition.healthCheck(), definition.rateLimits(), definition.cache(), definition.metadata(),
                    groupNames.get(definition.groupId()), definition.enabled());
        }).toList();
        List<GroupRequest> exportedGroups = tenantGroups.stream()
                .map(groupMapper::toRequest).map(group -> new GroupRequest(group.name(),
                        group.description(), group.color(), group.icon(), group.sortOrder(), null))
                .toList();
        return new ServerExport(ServerExport.FORMAT, Instant.now(), exportedGroups, exported);
    }

    @Transactional
    public ImportResult importInto(ServerExport document, UUID tenantId, Caller caller) {
        UUID tenant = tenancy.ownerOfNew(caller, tenantId);
        List<FieldError> shape = new ArrayList<>(ProblemMapping.fieldErrors(validator.validate(document)));
        for (int i = 0; i < document.groups().size(); i++) {
            if (document.groups().get(i).tenantId() != null) {
                shape.add(new FieldError("groups[" + i + "].tenantId", "is not part of an export; choose the tenant with ?tenantId"));
            }
        }
        if (!shape.isEmpty()) {
            throw ApiException.invalid(shape);
        }
        Map<String, UUID> groupIds = new HashMap<>();
        List<ImportResult.Item> groupResults = new ArrayList<>();
        for (GroupRequest group : document.groups()) {
            groupResults.add(importGroup(group, tenant, caller, groupIds));
        }
        List<ImportResult.Item> serverResults = new ArrayList<>();
        for (int i = 0; i < document.servers().size(); i++) {
            serverResults.add(importServer(document.servers().get(i), "servers[" + i + "]", tenant, groupIds, caller));
        }
        return new ImportResult(groupResults, serverResults);
    }

    private ImportResult.Item importGroup(GroupRequest group, UUID tenant, Caller caller, Map<String, UUID> groupIds) {
        GroupEntity entity = groups.named(tenant, group.name()).orElse(null);
        Action action;
        if (entity == null) {
            entity = new GroupEntity();
            entity.id = UUID.randomUUID();
            entity.tenantId = tenant;
            entity.createdAt = Instant.now();
            groupMapper.apply(group, entity);
            entity.updatedAt = entity.createdAt;
            groups.persist(entity);
            events.record(EventType.GROUP_CREATED, entity.id, tenant, caller, groupMapper.toView(entity, 0));
            action = Action.created;
        } else if (!groupMapper.toRequest(entity).equals(new GroupRequest(group.name(), group.description(),
                group.color(), group.icon(), group.sortOrder(), tenant))) {
            groupMapper.apply(group, entity);
            entity.updatedAt = Instant.now();
            events.record(EventType.GROUP_UPDATED, entity.id, tenant, caller,
                    groupMapper.toView(entity, servers.countLiveInGroup(entity.id)));
            action = Action.updated;
        } else {
            action = Action.unchanged;
        }
        groupIds.put(group.name().toLowerCase(Locale.ROOT), entity.id);
        return new ImportResult.Item(entity.name, entity.id, action, List.of());
    }

    private ImportResult.Item importServer(ServerExport.Server server, String path, UUID tenant,
                                           Map<String, UUID> groupIds, Caller caller) {
        UUID groupId = null;
        if (server.group() != null) {
            groupId = groupIds.get(server.group().toLowerCase(Locale.ROOT));
            if (groupId == null) {
                groupId = groups.named(tenant, server.group()).map(group -> group.id).orElseThrow(() ->
                        ApiException.invalid(path + ".group", "names no group of the document or the tenant"));
            }
        }
        ServerRequest request = new ServerRequest(server.name(), server.description(), tenant, server.transport(),
                server.auth(), server.healthCheck(), server.rateLimits(), server.cache(), server.metadata(), groupId,
                server.enabled());
        ServerEntity existing = server.name() == null ? null : servers.liveNamed(tenant, server.name()).orElse(null);
        try {
            return existing == null ? create(request, caller) : update(existing, request, caller);
        } catch (ApiException refused) {
            if (refused.errors().isEmpty()) {
                throw refused;
            }
            throw ApiException.invalid(refused.errors().stream()
                    .map(error -> new FieldError(path + "." + error.field(), error.message())).toList());
        }
    }

    /** A secret the document could not carry leaves the new server disabled until someone supplies it. */
    private ImportResult.Item create(ServerRequest request, Caller caller) {
        ServerEntity entity = new ServerEntity();
        entity.id = UUID.randomUUID();
        entity.tenantId = request.tenantId();
        entity.createdBy = caller.keyId();
        entity.createdAt = Instant.now();
        List<String> missing = writes.store(entity, request, caller).missing();
        entity.enabled = entity.enabled && missing.isEmpty();
        writes.persistNew(entity, caller);
        return new ImportResult.Item(entity.name, entity.id, Action.created, missing);
    }

    private ImportResult.Item update(ServerEntity entity, ServerRequest request, Caller caller) {
        ServerWrites.Before before = writes.before(entity);
        Instant updatedAt = entity.updatedAt;
        List<String> missing = writes.store(entity, request, caller).missing();
        entity.enabled = entity.enabled && missing.isEmpty();
        if (!writes.announceChanges(entity, before, caller)) {
            entity.updatedAt = updatedAt;
            return new ImportResult.Item(entity.name, entity.id, Action.unchanged, missing);
        }
        return new ImportResult.Item(entity.name, entity.id, Action.updated, missing);
    }
}
