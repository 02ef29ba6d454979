package dev.switchboard.invocation.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.invocation.api.ServerCapabilities;
import dev.switchboard.invocation.config.InvocationConfig;
import dev.switchboard.invocation.mcp.Catalog;
import dev.switchboard.invocation.mcp.UpstreamSession;
import dev.switchboard.model.server.ServerDefinition;
import dev.switchboard.platform.error.ApiException;
import dev.switchboard.platform.security.Caller;
import dev.switchboard.platform.security.ToolPatterns;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What connected servers offer besides tools, and what each offers in all: prompts, resources, capabilities. A key's
 * patterns (globs over {@code <server>/<name>}) apply to everything a server offers: a tool or prompt by its name, a
 * resource by its URI and a resource template by its URI template, so that a key limited to {@code github/*} sees
 * nothing of another server.
 */
@ApplicationScoped
public class CatalogService {

    private final ServerDirectory directory;
    private final ConnectionManager connections;
    private final ConnectionService access;
    private final ObjectMapper json;
    private final Duration timeout;

    public CatalogService(ServerDirectory directory, ConnectionManager connections, ConnectionService access,
                          ObjectMapper json, InvocationConfig config) {
        this.directory = directory;
        this.connections = connections;
        this.access = access;
        this.json = json;
        this.timeout = config.upstream().defaultCallTimeout();
    }

    /** What one connected server offers a caller besides tools: the prompts, resources and templates its key allows. */
    public record Offer(ServerDefinition server, List<Catalog.Prompt> prompts, List<Catalog.Resource> resources,
                        List<Catalog.ResourceTemplate> templates) {
    }

    /** Every connected server's offer to the caller, by server name. */
    public List<Offer> offers(Caller caller) {
        return directory.all().stream()
                .filter(server -> directory.visibleTo(server, caller))
                .flatMap(server -> connections.sessionIfConnected(server.id()).map(UpstreamSession::catalog)
                        .map(catalog -> new Offer(server, visiblePrompts(server, catalog, caller),
                                visibleResources(server, catalog, caller), visibleTemplates(server, catalog, caller))).stream())
                .sorted(Comparator.comparing(offer -> offer.server().name()))
                .toList();
    }

    /**
     * {@code completion/complete} of one server; {@code checkedName} (the prompt's name or the template's URI) must
     * be one the caller's key allows. A server that offers no completions completes nothing.
     */
    public CompletionStage<JsonNode> complete(UUID serverId, String checkedName, ObjectNode params, Caller caller) {
        ServerDefinition server = access.visible(serverId, caller);
        if (!ToolPatterns.allows(caller.toolPatterns(), server.name(), checkedName)) {
            throw ApiException.notFound("completion reference", checkedName);
        }
        UpstreamSession session = connections.session(server.id());
        if (!session.capabilities().hasNonNull("completions")) {
            ObjectNode nothing = json.createObjectNode();
            nothing.putObject("completion").put("hasMore", false).putArray("values");
            return CompletableFuture.completedFuture(nothing);
        }
        return ask(server, upstream -> upstream.complete(params, timeout));
    }

    /** The resources and resource templates of one server that the caller's key may read. */
    public JsonNode resources(String serverRef, Caller caller) {
        ServerDefinition server = directory.find(serverRef, caller);
        Catalog catalog = connections.session(server.id()).catalog();
        ObjectNode listed = json.createObjectNode();
        listed.set("resources", definitions(visibleResources(server, catalog, caller).stream().map(Catalog.Resource::definition)));
        listed.set("resourceTemplates", definitions(visibleTemplates(server, catalog, caller).stream()
                .map(Catalog.ResourceTemplate::definition)));
        return listed;
    }

    public JsonNode prompts(String serverRef, Caller caller) {
        ServerDefinition server = directory.find(serverRef, caller);
        Catalog catalog = connections.session(server.id()).catalog();
        return json.createObjectNode().set("prompts", definitions(visiblePrompts(server, catalog, caller).stream()
                .map(Catalog.Prompt::definition)));
    }

    /** Reads a resource by URI, which may be a resource template with its variables filled in. */
    public CompletionStage<JsonNode> readResource(UUID serverId, String uri, Caller caller) {
        ServerDefinition server = access.visible(serverId, caller);
        if (!ToolPatterns.allows(caller.toolPatterns(), server.name(), uri)) {
            throw ApiException.notFound("resource", uri);
        }
        return ask(server, session -> session.readResource(uri, timeout));
    }

    /** A prompt by name; without {@code serverId}, the one server that offers it, or 409 naming the candidates. */
    public CompletionStage<JsonNode> getPrompt(String name, UUID serverId, Map<String, Object> arguments, Caller caller) {
        List<ServerDefinition> offering = directory.all().stream()
                .filter(server -> directory.visibleTo(server, caller))
                .filter(server -> serverId == null || server.id().equals(serverId))
                .filter(server -> ToolPatterns.allows(caller.toolPatterns(), server.name(), name))
                .filter(server -> connections.sessionIfConnected(server.id())
                        .map(session -> session.catalog().prompts().stream().anyMatch(prompt -> prompt.name().equals(name)))
                        .orElse(false))
                .toList();
        ServerDefinition server = OneOffer.among(offering, "prompt", name, ServerDefinition::name, "name the serverId");
        Map<String, String> stringArguments = arguments.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, entry -> String.valueOf(entry.getValue())));
        return ask(server, session -> session.getPrompt(name, stringArguments, timeout));
    }

    /** A request to a connected server, its failure in Switchboard's words. */
    private CompletionStage<JsonNode> ask(ServerDefinition server, Function<UpstreamSession, CompletableFuture<JsonNode>> request) {
        return request.apply(connections.session(server.id())).exceptionallyCompose(failure ->
                CompletableFuture.failedFuture(UpstreamFailures.toProblem(failure, server.name())));
    }

    /** Each visible server's catalog, or one server's when {@code server} names it by id or name. */
    public List<ServerCapabilities> capabilities(String server, Caller caller) {
        return directory.all().stream()
                .filter(found -> directory.visibleTo(found, caller))
                .filter(found -> server == null || server.equals(found.id().toString()) || server.equalsIgnoreCase(found.name()))
                .map(found -> capabilitiesOf(found, caller))
                .sorted(Comparator.comparing(ServerCapabilities::serverName))
                .toList();
    }

    private ServerCapabilities capabilitiesOf(ServerDefinition server, Caller caller) {
        UpstreamSession session = connections.sessionIfConnected(server.id()).orElse(null);
        Catalog catalog = session == null ? Catalog.EMPTY : session.catalog();
        List<Catalog.Tool> tools = catalog.tools().stream()
                .filter(tool -> ToolPatterns.allows(caller.toolPatterns(), server.name(), tool.name())).toList();
        List<Catalog.Prompt> prompts = visiblePrompts(server, catalog, caller);
        List<Catalog.Resource> resources = visibleResources(server, catalog, caller);
        long age = session == null ? 0 : Duration.between(session.openedAt(), Instant.now()).toSeconds();
        return new ServerCapabilities(server.id(), server.name(), session != null,
                definitions(tools.stream().map(Catalog.Tool::definition)),
                definitions(prompts.stream().map(Catalog.Prompt::definition)),
                definitions(resources.stream().map(Catalog.Resource::definition)),
                new ServerCapabilities.Metadata(tools.size(), prompts.size(), resources.size(), age));
    }

    private static List<Catalog.Prompt> visiblePrompts(ServerDefinition server, Catalog catalog, Caller caller) {
        return catalog.prompts().stream()
                .filter(prompt -> ToolPatterns.allows(caller.toolPatterns(), server.name(), prompt.name())).toList();
    }

    private static List<Catalog.Resource> visibleResources(ServerDefinition server, Catalog catalog, Caller caller) {
        return catalog.resources().stream()
                .filter(resource -> ToolPatterns.allows(caller.toolPatterns(), server.name(), resource.uri())).toList();
    }

    private static List<Catalog.ResourceTemplate> visibleTemplates(ServerDefinition server, Catalog catalog, Caller caller) {
        return catalog.resourceTemplates().stream()
                .filter(template -> ToolPatterns.allows(caller.toolPatterns(), server.name(), template.uriTemplate())).toList();
    }

    private JsonNode definitions(Stream<ObjectNode> items) {
        return json.valueToTree(items.toList());
    }
}
