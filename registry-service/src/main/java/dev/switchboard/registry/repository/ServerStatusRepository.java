package dev.switchboard.registry.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class ServerStatusRepository implements PanacheRepositoryBase<ServerStatusEntity, String> {
}
