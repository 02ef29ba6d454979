package dev.switchboard.invocation.service;

import dev.switchboard.invocation.api.CacheStats;
import dev.switchboard.platform.error.ApiException;
import dev.switchboard.platform.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** The result cache as callers may manage it: admins clear any entry, managers their own tenant's. */
@ApplicationScoped
public class CacheService {

    private final ResultCache cache;
    private final ServerDirectory directory;

    public CacheService(ResultCache cache, ServerDirectory directory) {
        this.cache = cache;
        this.directory = directory;
    }

    /** A manager sees its own tenant's share of the cache; an admin all of it. */
    public CacheStats stats(Caller caller) {
        return cache.stats(caller.tenantScope());
    }

    public int clear(String pattern, UUID serverId, Caller caller) {
        if (serverId != null && directory.get(serverId).filter(server -> directory.visibleTo(server, caller)).isEmpty()) {
            throw ApiException.notFound("server", serverId);
        }
        return cache.clear(pattern, serverId, caller.tenantId(), caller.seesAllTenants());
    }
}
