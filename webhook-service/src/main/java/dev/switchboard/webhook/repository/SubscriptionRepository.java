package dev.switchboard.webhook.repository;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class SubscriptionRepository implements PanacheRepositoryBase<SubscriptionEntity, UUID> {

    /** Visible to a tenant: its own. Visible to an admin ({@code tenantId} empty): all. */
    public PanacheQuery<SubscriptionEntity> visibleTo(Optional<String> tenantId) {
        Sort newestFirst = Sort.descending("createdAt").and("id");
        return tenantId.map(tenant -> find("tenantId", newestFirst, tenant)).orElseGet(() -> findAll(newestFirst));
    }

    public Optional<SubscriptionEntity> findVisible(UUID id, Optional<String> tenantId) {
        return findByIdOptional(id).filter(found -> tenantId.isEmpty() || tenantId.get().equals(found.tenantId));
    }

    /** A successful attempt ends the subscription's run of failures. */
    public void succeeded(UUID id) {
        update("failingSince = null where id = ?1 and failingSince is not null", id);
    }

    /** The enabled subscriptions that may receive an event of {@code tenantId}: the tenant's own and the global ones. */
    public List<SubscriptionEntity> enabledFor(String tenantId) {
        if (tenantId == null) {
            return list("enabled = true and tenantId is null");
        }
        return list("enabled = true and (tenantId is null or tenantId = ?1)", tenantId);
    }
}
