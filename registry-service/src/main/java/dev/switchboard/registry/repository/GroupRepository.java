package dev.switchboard.registry.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class GroupRepository implements PanacheRepositoryBase<GroupEntity, UUID> {

    /** Groups are unique by name, ignoring case, within a tenant and among global groups. */
    public Optional<GroupEntity> named(UUID tenantId, String name) {
        return tenantId == null
                ? find("tenantId is null and lower(name) = lower(?1)", name).firstResultOptional()
                : find("tenantId = ?1 and lower(name) = lower(?2)", tenantId, name).firstResultOptional();
    }

    /** One tenant's groups ({@code null}: the global ones), by sort order, then name. */
    public List<GroupEntity> inTenant(UUID tenantId) {
        String order = " order by sortOrder, lower(name), id";
        return tenantId == null ? list("tenantId is null" + order) : list("tenantId = ?1" + order, tenantId);
    }

    public List<GroupEntity> all() {
        return list("from GroupEntity order by sortOrder, lower(name), id");
    }
}
