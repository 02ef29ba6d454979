package dev.switchboard.registry.repository;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class ApiKeyRepository implements PanacheRepositoryBase<ApiKeyEntity, UUID> {

    public Optional<ApiKeyEntity> findByHash(String keyHash) {
        return find("keyHash", keyHash).firstResultOptional();
    }

    /** Keys not revoked, newest first; within one tenant, or all when {@code tenantId} is empty. */
    public PanacheQuery<ApiKeyEntity> active(Optional<UUID> tenantId) {
        Sort newestFirst = Sort.descending("createdAt").and("id");
        return tenantId.map(tenant -> find("revokedAt is null and tenantId = ?1", newestFirst, tenant))
                .orElseGet(() -> find("revokedAt is null", newestFirst));
    }

    public boolean anyActiveWithRole(String role) {
        return count("revokedAt is null and role = ?1", role) > 0;
    }

    public long countActiveInTenant(UUID tenantId) {
        return count("revokedAt is null and tenantId = ?1", tenantId);
    }
}
