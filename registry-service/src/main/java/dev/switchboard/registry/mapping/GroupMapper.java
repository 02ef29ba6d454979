package dev.switchboard.registry.mapping;

import dev.switchboard.model.registry.GroupView;
import dev.switchboard.registry.api.GroupRequest;
import dev.switchboard.registry.repository.GroupEntity;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class GroupMapper {

    public GroupView toView(GroupEntity entity, long serverCount) {
        return new GroupView(entity.id, entity.tenantId, entity.name, entity.description, entity.color, entity.icon,
                entity.sortOrder, serverCount, entity.createdAt, entity.updatedAt);
    }

    public GroupRequest toRequest(GroupEntity entity) {
        return new GroupRequest(entity.name, entity.description, entity.color, entity.icon, entity.sortOrder,
                entity.tenantId);
    }

    public void apply(GroupRequest request, GroupEntity entity) {
        entity.name = request.name();
        entity.description = request.description();
        entity.color = request.color();
        entity.icon = request.icon();
        entity.sortOrder = request.sortOrder();
    }
}
