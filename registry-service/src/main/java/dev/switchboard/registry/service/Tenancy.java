package dev.switchboard.registry.service;

import dev.switchboard.platform.error.ApiException;
import dev.switchboard.platform.security.Caller;
import dev.switchboard.registry.repository.ServerScope;
import dev.switchboard.registry.repository.TenantEntity;
import dev.switchboard.registry.repository.TenantRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/** Which tenant a caller acts in and which servers it sees (DESIGN §4, tenancy). */
@ApplicationScoped
public class Tenancy {

    private final TenantRepository tenants;

    public Tenancy(TenantRepository tenants) {
        this.tenants = tenants;
    }

    /** The tenant of a manager's or user's key; a key without one may do nothing tenant-bound. */
    public static UUID callerTenant(Caller caller) {
        try {
            return UUID.fromString(caller.tenant().orElseThrow(() -> ApiException.forbidden("this key has no tenant")));
        } catch (IllegalArgumentException e) {
            throw ApiException.forbidden("this key has no valid tenant");
        }
    }

    public ServerScope scope(Caller caller) {
        if (caller.seesAllTenants()) {
            return ServerScope.EVERYTHING;
        }
        UUID tenantId = callerTenant(caller);
        List<String> enabled = tenants.findByIdOptional(tenantId).map(tenant -> List.of(tenant.enabledMcpServers))
                .orElse(List.of());
        return new ServerScope(false, tenantId, enabled);
    }

    /**
     * The tenant a new resource belongs to: an admin's choice ({@code null} makes it global); for anyone else its own
     * tenant, which it may name or leave out.
     */
    public UUID ownerOfNew(Caller caller, UUID requested) {
        if (!caller.isAdmin()) {
            UUID own = callerTenant(caller);
            if (requested != null && !requested.equals(own)) {
                throw ApiException.forbidden("a manager works in its own tenant only");
            }
            return own;
        }
        if (requested != null && tenants.findByIdOptional(requested).isEmpty()) {
            throw ApiException.invalid("tenantId", "no such tenant");
        }
        return requested;
    }

    public TenantEntity existing(UUID tenantId) {
        return tenants.findByIdOptional(tenantId).orElseThrow(() -> ApiException.notFound("tenant", tenantId));
    }
}
