package dev.switchboard.registry.service;

import dev.switchboard.model.api.PageResult;
import dev.switchboard.model.server.ServerDefinition;
import dev.switchboard.platform.error.ApiException;
import dev.switchboard.platform.security.Caller;
import dev.switchboard.registry.mapping.ServerMapper;
import dev.switchboard.registry.repository.ServerRepository;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The full configuration of live servers, secrets in clear, for the invocation service. Every read is logged with
 * the reading key, never with what was read.
 */
@ApplicationScoped
public class InternalServerService {

    private static final Logger LOG = Logger.getLogger(InternalServerService.class);

    private final ServerRepository servers;
    private final ServerMapper mapper;

    public InternalServerService(ServerRepository servers, ServerMapper mapper) {
        this.servers = servers;
        this.mapper = mapper;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public PageResult<ServerDefinition> list(int limit, int offset, Caller caller) {
        var query = servers.find("deletedAt is null", Sort.ascending("id"));
        List<ServerDefinition> items = query.range(offset, offset + limit - 1).list().stream()
                .map(mapper::toOpenDefinition).toList();
        LOG.infof("Internal read of %d server configurations (offset %d) by key %s", items.size(), offset, caller.keyId());
        return new PageResult<>(items, query.count(), limit, offset);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public ServerDefinition get(UUID id, Caller caller) {
        LOG.infof("Internal read of server configuration %s by key %s", id, caller.keyId());
        return servers.findByIdOptional(id).filter(server -> server.deletedAt == null).map(mapper::toOpenDefinition)
                .orElseThrow(() -> ApiException.notFound("server", id));
    }
}
