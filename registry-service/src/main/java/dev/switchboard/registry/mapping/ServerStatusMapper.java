package dev.switchboard.registry.mapping;

import dev.switchboard.registry.repository.ServerStatusEntity;
import dev.switchboard.registry.rest.ServerStatusView;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class ServerStatusMapper {

    public ServerStatusView toView(ServerStatusEntity entity) {
        return new ServerStatusView(entity.serverId, entity.status, entity.toolCount, entity.promptCount,
                entity.resourceCount, entity.lastError, entity.statusAt);
    }
}
