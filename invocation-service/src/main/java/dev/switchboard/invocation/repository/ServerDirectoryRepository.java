package dev.switchboard.invocation.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class ServerDirectoryRepository implements PanacheRepositoryBase<DirectoryEntryEntity, String> {

    public long countLive() {
        return count("deleted", false);
    }

    public long countEnabled() {
        return count("deleted = false and enabled = true");
    }
}
