package dev.switchboard.registry.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class FavoriteRepository implements PanacheRepositoryBase<FavoriteEntity, FavoriteEntity.Key> {

    public List<FavoriteEntity> ofKey(UUID keyId) {
        return list("id.keyId = ?1 order by createdAt, id.toolName", keyId);
    }
}
