package dev.switchboard.registry.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.platform.error.ApiException;
import dev.switchboard.platform.security.Caller;
import dev.switchboard.platform.security.ToolPatterns;
import dev.switchboard.registry.api.FavoriteView;
import dev.switchboard.registry.mapping.ServerMapper;
import dev.switchboard.registry.repository.FavoriteEntity;
import dev.switchboard.registry.repository.FavoriteRepository;
import dev.switchboard.registry.repository.ServerEntity;
import dev.switchboard.registry.repository.ServerRepository;
import dev.switchboard.registry.repository.ServerScope;
import dev.switchboard.registry.repository.ServerStatusRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Each key's favourite tools. A tool is named as its server reports it; when servers the key sees share a tool
 * name, the favourite needs the server's id. Favourites of servers the key no longer sees are not listed.
 */
@ApplicationScoped
public class FavoriteService {

    private final FavoriteRepository favorites;
    private final ServerRepository servers;
    private final ServerStatusRepository statuses;
    private final ServerMapper mapper;
    private final Tenancy tenancy;

    public FavoriteService(FavoriteRepository favorites, ServerRepository servers, ServerStatusRepository statuses,
                           ServerMapper mapper, Tenancy tenancy) {
        this.favorites = favorites;
        this.servers = servers;
        this.statuses = statuses;
        this.mapper = mapper;
        this.tenancy = tenancy;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<FavoriteView> list(Caller caller) {
        ServerScope scope = tenancy.scope(caller);
        return favorites.ofKey(keyId(caller)).stream()
                .flatMap(favorite -> servers.findByIdOptional(favorite.id.serverId())
                        .filter(server -> server.deletedAt == null && scope.sees(server))
                        .filter(server -> ToolPatterns.allows(caller.toolPatterns(), server.name, favorite.id.toolName()))
                        .map(server -> view(favorite, server)).stream())
                .toList();
    }

    /** @param serverId the server offering the tool, needed only when several do */
    @Transactional
    public FavoriteView add(String toolName, UUID serverId, Caller caller) {
        ServerEntity server = serverId == null ? onlyServerOffering(toolName, caller) : offering(serverId, toolName, caller);
        FavoriteEntity.Key id = new FavoriteEntity.Key(keyId(caller), server.id, toolName);
        FavoriteEntity favorite = favorites.findByIdOptional(id).orElseGet(() -> {
            FavoriteEntity created = new FavoriteEntity();
            created.id = id;
            created.createdAt = Instant.now();
            favorites.persist(created);
            return created;
        });
        return view(favorite, server);
    }

    @Transactional
    public void remove(String toolName, UUID serverId, Caller caller) {
        long removed = serverId == null
                ? favorites.delete("id.keyId = ?1 and id.toolName = ?2", keyId(caller), toolName)
                : favorites.delete("id.keyId = ?1 and id.toolName = ?2 and id.serverId = ?3", keyId(caller), toolName, serverId);
        if (removed == 0) {
            throw ApiException.notFound("favorite", toolName);
        }
    }

    private ServerEntity offering(UUID serverId, String toolName, Caller caller) {
        ServerScope scope = tenancy.scope(caller);
        ServerEntity server = servers.findByIdOptional(serverId)
                .filter(found -> found.deletedAt == null && scope.sees(found))
                .orElseThrow(() -> ApiException.notFound("server", serverId));
        Optional<JsonNode> catalog = statuses.findByIdOptional(serverId.toString())
                .filter(status -> status.tools != null).map(status -> mapper.tree(status.tools));
        boolean listed = catalog.map(tools -> names(tools).contains(toolName)).orElse(true);
        if (!listed || !ToolPatterns.allows(caller.toolPatterns(), server.name, toolName)) {
            throw ApiException.notFound("tool", server.name + "/" + toolName);
        }
        return server;
    }

    private ServerEntity onlyServerOffering(String toolName, Caller caller) {
        ServerScope scope = tenancy.scope(caller);
        List<ServerEntity> offering = statuses.serversOffering(toolName).stream()
                .map(id -> servers.findByIdOptional(UUID.fromString(id)))
                .flatMap(Optional::stream)
                .filter(server -> server.deletedAt == null && scope.sees(server))
                .filter(server -> ToolPatterns.allows(caller.toolPatterns(), server.name, toolName))
                .toList();
        if (offering.isEmpty()) {
            throw ApiException.notFound("tool", toolName);
        }
        if (offering.size() > 1) {
            throw ApiException.invalid("serverId", "is required: " + toolName + " is offered by "
                    + offering.stream().map(server -> server.name).sorted().collect(Collectors.joining(", ")));
        }
        return offering.get(0);
    }

    private static List<String> names(JsonNode tools) {
        List<String> names = new ArrayList<>();
        tools.forEach(tool -> names.add(tool.path("name").asText()));
        return names;
    }

    private static FavoriteView view(FavoriteEntity favorite, ServerEntity server) {
        return new FavoriteView(favorite.id.toolName(), server.id, server.name, favorite.createdAt);
    }

    private static UUID keyId(Caller caller) {
        try {
            return UUID.fromString(caller.keyId());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ApiException.forbidden("favorites belong to API keys; this token names none");
        }
    }
}
