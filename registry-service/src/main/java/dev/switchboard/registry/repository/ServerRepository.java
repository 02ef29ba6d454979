package dev.switchboard.registry.repository;

import dev.switchboard.registry.repository.ServerFilter;
import dev.switchboard.registry.repository.ServerScope;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.Query;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class ServerRepository implements PanacheRepositoryBase<ServerEntity, UUID> {

    /** One page of servers by name, and how many match in all. */
    public record Page(List<ServerEntity> items, long total) {
    }

    /** Live servers (not deleted) are unique by name, ignoring case, within a tenant and among global servers. */
    public boolean nameTaken(UUID tenantId, String name, UUID except) {
        return liveNamed(tenantId, name).filter(server -> !server.id.equals(except)).isPresent();
    }

    public Optional<ServerEntity> liveNamed(UUID tenantId, String name) {
        return tenantId == null
                ? find("tenantId is null and lower(name) = lower(?1) and deletedAt is null", name).firstResultOptional()
                : find("tenantId = ?1 and lower(name) = lower(?2) and deletedAt is null", tenantId, name).firstResultOptional();
    }

    public List<ServerEntity> liveInTenant(UUID tenantId) {
        return tenantId == null
                ? list("tenantId is null and deletedAt is null order by lower(name)")
                : list("tenantId = ?1 and deletedAt is null order by lower(name)", tenantId);
    }

    public long countLiveInTenant(UUID tenantId) {
        return count("tenantId = ?1 and deletedAt is null", tenantId);
    }

    public long countLiveInGroup(UUID groupId) {
        return count("groupId = ?1 and deletedAt is null", groupId);
    }

    public List<ServerEntity> liveInGroup(UUID groupId) {
        return list("groupId = ?1 and deletedAt is null", groupId);
    }

    /**
     * Filters in SQL, joined with the status the invocation service last reported; a server it never reported on
     * counts as {@code disconnected}.
     */
    public Page search(ServerFilter filter, ServerScope scope, int limit, int offset) {
        StringBuilder where = new StringBuilder(" FROM mcp_server s LEFT JOIN server_status st"
                + " ON st.server_id = CAST(s.id AS text) WHERE 1 = 1");
        Map<String, Object> parameters = new HashMap<>();
        if (!filter.includeDeleted()) {
            where.append(" AND s.deleted_at IS NULL");
        }
        if (!scope.everything()) {
            where.append(" AND (s.tenant_id = :tenant");
            parameters.put("tenant", scope.tenantId() == null ? new UUID(0, 0) : scope.tenantId());
            if (!scope.enabledGlobals().isEmpty()) {
                // TenantVisibility's rule: by id, or by name ignoring case.
                where.append(" OR (s.tenant_id IS NULL AND (CAST(s.id AS text) IN (:globals) OR lower(s.name) IN (:names)))");
                parameters.put("globals", scope.enabledGlobals());
                parameters.put("names", scope.normalizedGlobals());
            }
            where.append(')');
        }
        if (filter.tenantId() != null) {
            where.append(" AND s.tenant_id = :tenantFilter");
            parameters.put("tenantFilter", filter.tenantId());
        }
        if (filter.status() != null) {
            where.append(" AND coalesce(st.status, 'disconnected') = :status");
            parameters.put("status", filter.status());
        }
        if (filter.groupId() != null) {
            where.append(" AND s.group_id = :groupId");
            parameters.put("groupId", filter.groupId());
        }
        if (!filter.tags().isEmpty()) {
            List<String> placeholders = new ArrayList<>();
            for (int i = 0; i < filter.tags().size(); i++) {
                placeholders.add(":tag" + i);
                parameters.put("tag" + i, filter.tags().get(i));
            }
            where.append(" AND s.tags @> CAST(ARRAY[").append(String.join(", ", placeholders)).append("] AS text[])");
        }
        if (filter.enabled() != null) {
            where.append(" AND s.enabled = :enabled");
            parameters.put("enabled", filter.enabled());
        }
        if (filter.text() != null) {
            where.append(" AND (s.name ILIKE :text ESCAPE '!' OR s.description ILIKE :text ESCAPE '!')");
            parameters.put("text", "%" + filter.text().replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%");
        }
        Query count = getEntityManager().createNativeQuery("SELECT count(*)" + where);
        Query page = getEntityManager().createNativeQuery(
                "SELECT s.*" + where + " ORDER BY lower(s.name), s.id LIMIT :limit OFFSET :offset", ServerEntity.class);
        parameters.forEach((name, value) -> {
            count.setParameter(name, value);
            page.setParameter(name, value);
        });
        page.setParameter("limit", limit);
        page.setParameter("offset", offset);
        @SuppressWarnings("unchecked")
        List<ServerEntity> items = page.getResultList();
        return new Page(items, ((Number) count.getSingleResult()).longValue());
    }
}
