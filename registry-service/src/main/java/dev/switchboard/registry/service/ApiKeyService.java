package dev.switchboard.registry.service;

import dev.switchboard.model.api.FieldError;
import dev.switchboard.model.api.PageResult;
import dev.switchboard.model.event.EventType;
import dev.switchboard.model.registry.ApiKeyView;
import dev.switchboard.model.server.RateLimits;
import dev.switchboard.platform.error.ApiException;
import dev.switchboard.platform.security.Caller;
import dev.switchboard.platform.security.Role;
import dev.switchboard.platform.security.ToolPatterns;
import dev.switchboard.registry.api.CreateKeyRequest;
import dev.switchboard.registry.api.CreatedApiKey;
import dev.switchboard.registry.mapping.ApiKeyMapper;
import dev.switchboard.registry.repository.ApiKeyEntity;
import dev.switchboard.registry.repository.ApiKeyRepository;
import dev.switchboard.registry.repository.TenantRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Keys within the caller's reach: an admin manages every key; a manager the manager and user keys of its own
 * tenant. Another tenant's key answers 404.
 */
@ApplicationScoped
public class ApiKeyService {

    private final ApiKeyRepository keys;
    private final TenantRepository tenants;
    private final ApiKeyMapper mapper;
    private final RegistryEvents events;

    public ApiKeyService(ApiKeyRepository keys, TenantRepository tenants, ApiKeyMapper mapper, RegistryEvents events) {
        this.keys = keys;
        this.tenants = tenants;
        this.mapper = mapper;
        this.events = events;
    }

    @Transactional
    public CreatedApiKey create(CreateKeyRequest request, Caller caller) {
        UUID tenantId = request.tenantId();
        if (!caller.isAdmin()) {
            if (Role.ADMIN.equals(request.role())) {
                throw ApiException.forbidden("only an admin may create admin keys");
            }
            UUID own = Tenancy.callerTenant(caller);
            if (tenantId != null && !tenantId.equals(own)) {
                throw ApiException.forbidden("a manager creates keys in its own tenant only");
            }
            tenantId = own;
        }
        if (Role.ADMIN.equals(request.role()) && tenantId != null) {
            throw ApiException.invalid("tenantId", "must be omitted for an admin key, which spans every tenant");
        }
        if (!Role.ADMIN.equals(request.role()) && tenantId == null) {
            throw ApiException.invalid("tenantId", "is required for a " + request.role() + " key");
        }
        if (tenantId != null && tenants.findByIdOptional(tenantId).isEmpty()) {
            throw ApiException.invalid("tenantId", "no such tenant");
        }
        List<String> tools = request.tools() == null ? List.of() : request.tools();
        requireNoWiderThanCreator(tools, request.expiresAt(),
                request.rateLimits() == null ? RateLimits.UNLIMITED : request.rateLimits(), caller);
        String key = ApiKeys.generate();
        ApiKeyEntity entity = store(request.name(), request.role(), tenantId, tools, request.expiresAt(), key,
                caller.keyId());
        if (request.rateLimits() != null) {
            entity.requestsPerMinute = request.rateLimits().requestsPerMinute();
            entity.requestsPerDay = request.rateLimits().requestsPerDay();
        }
        events.record(EventType.API_KEY_CREATED, entity.id, tenantId, caller, mapper.toView(entity));
        return new CreatedApiKey(mapper.toView(entity), key);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public PageResult<ApiKeyView> list(UUID tenantFilter, int limit, int offset, Caller caller) {
        Optional<UUID> scope = caller.isAdmin() ? Optional.ofNullable(tenantFilter) : Optional.of(Tenancy.callerTenant(caller));
        var query = keys.active(scope);
        List<ApiKeyView> items = query.range(offset, offset + limit - 1).list().stream().map(mapper::toView).toList();
        return new PageResult<>(items, query.count(), limit, offset);
    }

    /** Revokes at once; the event tells every service to refuse the key's tokens. */
    @Transactional
    public void revoke(UUID id, Caller caller) {
        ApiKeyEntity entity = keys.findByIdOptional(id)
                .filter(key -> key.revokedAt == null)
                .filter(key -> caller.isAdmin() || (key.tenantId != null && key.tenantId.equals(Tenancy.callerTenant(caller))))
                .orElseThrow(() -> ApiException.notFound("API key", id));
        if (!caller.isAdmin() && Role.ADMIN.equals(entity.role)) {
            throw ApiException.notFound("API key", id);
        }
        entity.revokedAt = Instant.now();
        events.record(EventType.API_KEY_REVOKED, entity.id, entity.tenantId, caller, mapper.toView(entity));
    }

    /**
     * A key hands out no more than it has: its tool patterns must cover the new key's, the new key expires no later
     * than it does, and calls no more often. Keys from configuration (bootstrap and service) have none of these limits.
     */
    private void requireNoWiderThanCreator(List<String> tools, Instant expiresAt, RateLimits limits, Caller caller) {
        ApiKeyEntity creator = caller.keyId() == null ? null : keys.findByIdOptional(parse(caller.keyId())).orElse(null);
        if (creator == null) {
            throw ApiException.forbidden("only a stored API key may create keys");
        }
        List<FieldError> errors = new ArrayList<>();
        List<String> own = List.of(creator.tools);
        if (!ToolPatterns.covers(own, tools)) {
            errors.add(new FieldError("tools", tools.isEmpty()
                    ? "is required: your key is limited to " + String.join(", ", own) + ", so a key you create is too"
                    : "reaches beyond your own key's patterns (" + String.join(", ", own) + ")"));
        }
        if (creator.expiresAt != null && (expiresAt == null || expiresAt.isAfter(creator.expiresAt))) {
            errors.add(new FieldError("expiresAt", "must be no later than your own key's expiry, " + creator.expiresAt));
        }
        requireWithin("rateLimits.requestsPerMinute", limits.requestsPerMinute(), creator.requestsPerMinute, errors);
        requireWithin("rateLimits.requestsPerDay", limits.requestsPerDay(), creator.requestsPerDay, errors);
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
    }

    private static void requireWithin(String field, Integer requested, Integer own, List<FieldError> errors) {
        if (own != null && (requested == null || requested > own)) {
            errors.add(new FieldError(field, "must be set, and no more than your own key's " + own));
        }
    }

    private static UUID parse(String keyId) {
        try {
            return UUID.fromString(keyId);
        } catch (IllegalArgumentException e) {
            return new UUID(0, 0);
        }
    }

    /** Stores a key given or generated by configuration, unless a key with that value exists already. */
    @Transactional
    public boolean ensureConfiguredKey(String name, String role, String key) {
        if (keys.findByHash(ApiKeys.hash(key)).isPresent()) {
            return false;
        }
        ApiKeyEntity entity = store(name, role, null, List.of(), null, key, null);
        events.record(EventType.API_KEY_CREATED, entity.id, null, null, mapper.toView(entity));
        return true;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public boolean anyActiveAdmin() {
        return keys.anyActiveWithRole(Role.ADMIN);
    }

    /** Whether a key of this role was ever stored, revoked ones included. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public boolean anyWithRole(String role) {
        return keys.count("role", role) > 0;
    }

    private ApiKeyEntity store(String name, String role, UUID tenantId, List<String> tools, Instant expiresAt,
                               String key, String createdBy) {
        ApiKeyEntity entity = new ApiKeyEntity();
        entity.id = UUID.randomUUID();
        entity.name = name;
        entity.role = role;
        entity.tenantId = tenantId;
        entity.tools = tools.toArray(String[]::new);
        entity.expiresAt = expiresAt;
        entity.prefix = ApiKeys.prefix(key);
        entity.keyHash = ApiKeys.hash(key);
        entity.createdBy = createdBy;
        entity.createdAt = Instant.now();
        keys.persist(entity);
        return entity;
    }
}
