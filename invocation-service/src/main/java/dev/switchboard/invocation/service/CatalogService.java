package dev.switchboard.invocation.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.invocation.config.InvocationConfig;
import dev.switchboard.invocation.mcp.Catalog;
import dev.switchboard.invocation.mcp.UpstreamSession;
import dev.switchboard.invocation.rest.ServerCapabilities;
import dev.switchboard.model.server.ServerDefinition;
import dev.switchboard.platform.error.ApiException;
import dev.switchboard.platform.security.Caller;
import dev.switchboard.platform.security.ToolPatterns;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** What connected servers offer besides tools, and what each offers in all: prompts, resources, capabilities. */
@ApplicationScoped
public class CatalogService {

    private static final ObjectMapper PLAIN = new ObjectMapper();

    private final ServerDirectory directory;
    private final ConnectionManager connections;
    private final ConnectionService access;
    private final Duration timeout;

    public CatalogService(ServerDirectory directory, ConnectionManager connections, ConnectionService access,
                          InvocationConfig config) {
        this.directory = directory;
        this.connections = connections;
        this.access = access;
        this.timeout = config.upstream().defaultCallTimeout();
    }

    /** The resources and resource templates of one server. */
    public JsonNode resources(UUID serverId, Caller caller) {
        Catalog catalog = session(serverId, caller).catalog();
        ObjectNode listed = PLAIN.createObjectNode();
        listed.set("resources", PLAIN.valueToTree(catalog.resources()));
        listed.set("resourceTemplates", PLAIN.valueToTree(catalog.resourceTemplates()));
        return listed;
    }

    public JsonNode prompts(UUID serverId, Caller caller) {
        return PLAIN.createObjectNode().set("prompts", PLAIN.valueToTree(session(serverId, caller).catalog().prompts()));
    }

    /** Reads a resource by URI, which may be a resource template with its variables filled in. */
    public JsonNode readResource(UUID serverId, String uri, Caller caller) {
        ServerDefinition server = access.visible(serverId, caller);
        try {
            return PLAIN.valueToTree(connections.session(server.id()).readResource(uri, timeout));
        } catch (RuntimeException e) {
            throw UpstreamFailures.toProblem(e, server.name());
        }
    }

    /** A prompt by name; without {@code serverId}, the one server that offers it, or 409 naming the candidates. */
    public JsonNode getPrompt(String name, UUID serverId, Map<String, Object> arguments, Caller caller) {
        List<ServerDefinition> offering = directory.all().stream()
                .filter(server -> directory.visibleTo(server, caller))
                .filter(server -> serverId == null || server.id().equals(serverId))
                .filter(server -> connections.sessionIfConnected(server.id())
                        .map(session -> session.catalog().prompts().stream().anyMatch(prompt -> prompt.name().equals(name)))
                        .orElse(false))
                .toList();
        if (offering.isEmpty()) {
            throw ApiException.notFound("prompt", name);
        }
        if (offering.size() > 1) {
            throw ApiException.conflict("prompt " + name + " is offered by several servers ("
                    + offering.stream().map(ServerDefinition::name).sorted().collect(Collectors.joining(", "))
                    + "); name the serverId");
        }
        ServerDefinition server = offering.get(0);
        try {
            Map<String, Object> stringArguments = arguments.entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, entry -> String.valueOf(entry.getValue())));
            return PLAIN.valueToTree(connections.session(server.id()).getPrompt(name, stringArguments, timeout));
        } catch (RuntimeException e) {
            throw UpstreamFailures.toProblem(e, server.name());
        }
    }

    /** Each visible server's catalog, or one server's when {@code server} names it by id or name. */
    public List<ServerCapabilities> capabilities(String server, Caller caller) {
        return directory.all().stream()
                .filter(found -> directory.visibleTo(found, caller))
                .filter(found -> server == null || server.equals(found.id().toString()) || server.equals(found.name()))
                .map(found -> capabilitiesOf(found, caller))
                .sorted(Comparator.comparing(ServerCapabilities::serverName))
                .toList();
    }

    private ServerCapabilities capabilitiesOf(ServerDefinition server, Caller caller) {
        UpstreamSession session = connections.sessionIfConnected(server.id()).orElse(null);
        Catalog catalog = session == null ? Catalog.EMPTY : session.catalog();
        List<McpSchema.Tool> tools = catalog.tools().stream()
                .filter(tool -> ToolPatterns.allows(caller.toolPatterns(), server.name(), tool.name())).toList();
        long age = session == null ? 0 : Duration.between(session.openedAt(), Instant.now()).toSeconds();
        return new ServerCapabilities(server.id(), server.name(), session != null, PLAIN.valueToTree(tools),
                PLAIN.valueToTree(catalog.prompts()), PLAIN.valueToTree(catalog.resources()),
                new ServerCapabilities.Metadata(tools.size(), catalog.prompts().size(), catalog.resources().size(), age));
    }

    private UpstreamSession session(UUID serverId, Caller caller) {
        return connections.session(access.visible(serverId, caller).id());
    }
}
