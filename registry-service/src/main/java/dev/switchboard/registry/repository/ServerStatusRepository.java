package dev.switchboard.registry.repository;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class ServerStatusRepository implements PanacheRepositoryBase<ServerStatusEntity, String> {

    /** The servers whose last reported catalog lists a tool of this name. */
    public List<String> serversOffering(String toolName) {
        String probe = JsonNodeFactory.instance.arrayNode()
                .add(JsonNodeFactory.instance.objectNode().put("name", toolName)).toString();
        @SuppressWarnings("unchecked")
        List<String> ids = getEntityManager()
                .createNativeQuery("SELECT server_id FROM server_status WHERE tools @> CAST(:probe AS jsonb)")
                .setParameter("probe", probe)
                .getResultList();
        return ids;
    }
}
