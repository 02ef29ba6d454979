package dev.switchboard.registry.mapping;

import dev.switchboard.model.registry.TenantSettings;
import dev.switchboard.model.registry.TenantView;
import dev.switchboard.registry.api.TenantRequest;
import dev.switchboard.registry.repository.TenantEntity;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class TenantMapper {

    public TenantView toView(TenantEntity entity) {
        return new TenantView(entity.id, entity.name, settings(entity), entity.createdAt, entity.updatedAt);
    }

    public TenantRequest toRequest(TenantEntity entity) {
        return new TenantRequest(entity.name, settings(entity));
    }

    public void apply(TenantRequest request, TenantEntity entity) {
        entity.name = request.name();
        entity.displayName = request.settings().displayName();
        entity.enabledMcpServers = request.settings().enabledMcpServers().toArray(String[]::new);
    }

    private static TenantSettings settings(TenantEntity entity) {
        return new TenantSettings(entity.displayName, List.of(entity.enabledMcpServers));
    }
}
