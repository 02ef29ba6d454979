package dev.switchboard.registry.mapping;

import dev.switchboard.model.registry.ApiKeyView;
import dev.switchboard.model.server.RateLimits;
import dev.switchboard.registry.repository.ApiKeyEntity;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class ApiKeyMapper {

    public ApiKeyView toView(ApiKeyEntity entity) {
        return new ApiKeyView(entity.id, entity.name, entity.role, entity.tenantId, entity.prefix,
                List.of(entity.tools), entity.expiresAt,
                new RateLimits(entity.requestsPerMinute, entity.requestsPerDay), entity.lastUsedAt, entity.createdAt);
    }
}
