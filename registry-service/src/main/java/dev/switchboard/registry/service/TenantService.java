package dev.switchboard.registry.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.model.api.PageResult;
import dev.switchboard.model.event.EventType;
import dev.switchboard.model.registry.TenantView;
import dev.switchboard.platform.error.ApiException;
import dev.switchboard.platform.security.Caller;
import dev.switchboard.registry.api.TenantRequest;
import dev.switchboard.registry.mapping.MergePatcher;
import dev.switchboard.registry.mapping.TenantMapper;
import dev.switchboard.registry.repository.ApiKeyRepository;
import dev.switchboard.registry.repository.ServerRepository;
import dev.switchboard.registry.repository.TenantEntity;
import dev.switchboard.registry.repository.TenantRepository;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Tenants, for admins: names are unique regardless of case. */
@ApplicationScoped
public class TenantService {

    private final TenantRepository tenants;
    private final ApiKeyRepository keys;
    private final TenantMapper mapper;
    private final RegistryEvents events;
    private final ServerRepository servers;
    private final MergePatcher patcher;
    private final Validator validator;

    public TenantService(TenantRepository tenants, ApiKeyRepository keys, TenantMapper mapper, RegistryEvents events,
                         ServerRepository servers, MergePatcher patcher, Validator validator) {
        this.tenants = tenants;
        this.keys = keys;
        this.mapper = mapper;
        this.events = events;
        this.servers = servers;
        this.patcher = patcher;
        this.validator = validator;
    }

    @Transactional
    public TenantView create(TenantRequest request, Caller caller) {
        TenantEntity entity = new TenantEntity();
        entity.id = UUID.randomUUID();
        requireUniqueName(request.name(), entity.id);
        mapper.apply(request, entity);
        entity.createdAt = Instant.now();
        entity.updatedAt = entity.createdAt;
        tenants.persist(entity);
        TenantView view = mapper.toView(entity);
        events.record(EventType.TENANT_CREATED, entity.id, entity.id, caller, view);
        return view;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public PageResult<TenantView> list(int limit, int offset) {
        var query = tenants.findAll(Sort.ascending("name"));
        List<TenantView> items = query.range(offset, offset + limit - 1).list().stream().map(mapper::toView).toList();
        return new PageResult<>(items, query.count(), limit, offset);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public TenantView get(UUID id) {
        return mapper.toView(find(id));
    }

    /** Applies a JSON Merge Patch to {@code {name, settings}}, then validates the result as a whole. */
    @Transactional
    public TenantView patch(UUID id, JsonNode patch, Caller caller) {
        TenantEntity entity = find(id);
        TenantRequest request = patcher.apply(mapper.toRequest(entity), patch, TenantRequest.class);
        var violations = validator.validate(request);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        requireUniqueName(request.name(), id);
        mapper.apply(request, entity);
        entity.updatedAt = Instant.now();
        TenantView view = mapper.toView(entity);
        events.record(EventType.TENANT_UPDATED, entity.id, entity.id, caller, view);
        return view;
    }

    @Transactional
    public void delete(UUID id, Caller caller) {
        TenantEntity entity = find(id);
        long activeKeys = keys.countActiveInTenant(id);
        if (activeKeys > 0) {
            throw ApiException.conflict("tenant " + entity.name + " still has " + activeKeys + " active keys; revoke them first");
        }
        long liveServers = servers.countLiveInTenant(id);
        if (liveServers > 0) {
            throw ApiException.conflict("tenant " + entity.name + " still has " + liveServers + " servers; delete them first");
        }
        TenantView view = mapper.toView(entity);
        keys.delete("tenantId", id);
        tenants.delete(entity);
        events.record(EventType.TENANT_DELETED, id, id, caller, view);
    }

    private TenantEntity find(UUID id) {
        return tenants.findByIdOptional(id).orElseThrow(() -> ApiException.notFound("tenant", id));
    }

    private void requireUniqueName(String name, UUID id) {
        if (tenants.nameTaken(name, id)) {
            throw ApiException.conflict("a tenant named " + name + " exists already");
        }
    }
}
