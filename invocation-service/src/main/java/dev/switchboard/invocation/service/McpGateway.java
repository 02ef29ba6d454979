package dev.switchboard.invocation.service;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.invocation.api.InvokeRequest;
import dev.switchboard.invocation.api.InvokeResult;
import dev.switchboard.invocation.config.InvocationConfig;
import dev.switchboard.model.api.ErrorCode;
import dev.switchboard.model.server.ServerDefinition;
import dev.switchboard.platform.error.ApiException;
import dev.switchboard.platform.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Switchboard as one MCP server: the tools, prompts and resources of every connected server that the caller may use,
 * under names that say which server they come from, and every request routed to that server through the same checks
 * as the REST API. Tools and prompts are named {@code <server>__<name>}; a resource's URI is
 * {@code switchboard://<server>/<the server's own URI>}, and a template's likewise, so that a URI names its server
 * and gives the server's own back when the prefix is taken off.
 */
@ApplicationScoped
public class McpGateway {

    /** The session-era revisions, newest first: the first is offered to a client that asks for one we do not speak. */
    public static final List<String> SESSION_VERSIONS = List.of("2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05");
    /** The stateless revisions, where every request carries its version and the client's capabilities. */
    public static final List<String> STATELESS_VERSIONS = List.of("2026-07-28");
    public static final String URI_SCHEME = "switchboard://";
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };

    /**
     * One request's context.
     *
     * @param control where the server's progress goes, and how the client cancels the call
     */
    public record Exchange(Caller caller, ToolService.Control control, String sessionId) {
    }

    private final ToolCatalog toolCatalog;
    private final ToolService tools;
    private final CatalogService catalogs;
    private final ServerDirectory directory;
    private final ObjectMapper json;
    private final int pageSize;
    private final String version;
    private final McpNotifications notifications;

    public McpGateway(ToolCatalog toolCatalog, ToolService tools, CatalogService catalogs, ServerDirectory directory, McpNotifications notifications,
                      ObjectMapper json, InvocationConfig config) {
        this.toolCatalog = toolCatalog;
        this.tools = tools;
        this.catalogs = catalogs;
        this.directory = directory;
        this.notifications = notifications;
        this.json = json;
        this.pageSize = config.mcp().pageSize();
        this.version = config.mcp().serverVersion();
    }

    /** The revision a session speaks: the one the client asked for when we speak it, else our newest. */
    public static String negotiate(String requested) {
        return requested != null && SESSION_VERSIONS.contains(requested) ? requested : SESSION_VERSIONS.get(0);
    }

    public ObjectNode initializeResult(String protocolVersion) {
        ObjectNode result = json.createObjectNode().put("protocolVersion", protocolVersion);
        result.set("capabilities", capabilities());
        result.set("serverInfo", serverInfo());
        result.put("instructions", instructions());
        return result;
    }

    /** The input schema of the tool a {@code tools/call} names, if exactly one visible tool answers to the name. */
    public Optional<JsonNode> inputSchemaOf(String toolName, Caller caller) {
        try {
            return Optional.ofNullable(toolCatalog.resolve(toolName, null, caller).tool().inputSchema());
        } catch (ApiException noneOrSeveral) {
            return Optional.empty();
        }
    }

    /** The answer to {@code server/discover}, the stateless revision's replacement for the handshake. */
    public ObjectNode discoverResult() {
        ObjectNode result = json.createObjectNode();
        ArrayNode versions = result.putArray("supportedVersions");
        STATELESS_VERSIONS.forEach(versions::add);
        SESSION_VERSIONS.forEach(versions::add);
        result.set("capabilities", capabilities());
        result.set("serverInfo", serverInfo());
        result.put("instructions", instructions());
        return result;
    }

    /** Answers a request with its {@code result}, or fails with an {@link McpError}. */
    public CompletionStage<JsonNode> request(String method, JsonNode params, Exchange exchange) {
        JsonNode safeParams = params == null || params.isNull() ? json.createObjectNode() : params;
        if (!safeParams.isObject()) {
            return failed(McpError.invalidParams("params must be an object"));
        }
        Caller caller = exchange.caller();
        try {
            return switch (method) {
                case "ping" -> done(json.createObjectNode());
                case "logging/setLevel" -> setLogLevel(safeParams, exchange);
                case "server/discover" -> done(discoverResult());
                case "tools/list" -> done(page("tools", toolCatalog.visible(caller).stream().map(this::tool), safeParams));
                case "tools/call" -> callTool(safeParams, exchange);
                case "prompts/list" -> done(page("prompts", catalogs.offers(caller).stream().flatMap(offer ->
                        offer.prompts().stream().map(prompt -> named(prompt.definition(), offer.server()))), safeParams));
                case "prompts/get" -> getPrompt(safeParams, caller);
                case "resources/list" -> done(page("resources", catalogs.offers(caller).stream().flatMap(offer ->
                        offer.resources().stream().map(resource -> prefixed(resource.definition(), "uri", offer.server()))),
                        safeParams));
                case "resources/templates/list" -> done(page("resourceTemplates", catalogs.offers(caller).stream()
                        .flatMap(offer -> offer.templates().stream().map(template ->
                                prefixed(template.definition(), "uriTemplate", offer.server()))), safeParams));
                case "resources/read" -> readResource(safeParams, caller);
                case "completion/complete" -> complete(safeParams, caller);
                default -> failed(new McpError(McpError.METHOD_NOT_FOUND, "Method not found: " + method));
            };
        } catch (McpError e) {
            return failed(e);
        } catch (ApiException e) {
            return failed(asMcpError(e, method));
        }
    }

    private CompletionStage<JsonNode> setLogLevel(JsonNode params, Exchange exchange) {
        LogLevel level = LogLevel.required(requiredText(params, "level"));
        if (exchange.sessionId() != null) {
            notifications.logLevel(exchange.sessionId(), level);
        }
        return done(json.createObjectNode());
    }

    private CompletionStage<JsonNode> callTool(JsonNode params, Exchange exchange) {
        String name = requiredText(params, "name");
        JsonNode arguments = params.path("arguments");
        if (!arguments.isMissingNode() && !arguments.isNull() && !arguments.isObject()) {
            throw McpError.invalidParams("arguments must be an object");
        }
        Map<String, Object> values = arguments.isObject() ? json.convertValue(arguments, OBJECT) : Map.of();
        CompletionStage<ToolService.Invocation> invocation;
        try {
            invocation = tools.invoke(name, new InvokeRequest(values, null, null), exchange.caller(),
                    ToolService.Channel.MCP, exchange.control());
        } catch (ApiException refused) {
            invocation = failed(refused);
        }
        return invocation.handle((done, failure) -> {
            if (failure == null) {
                return toolResult(done.result());
            }
            ApiException problem = UpstreamFailures.toProblem(failure, name);
            if (problem.code() == ErrorCode.NOT_FOUND) {
                throw new CompletionException(McpError.invalidParams("Unknown tool: " + name));
            }
            // Anything after the tool was found is the tool's failure, for the model to read and act on.
            ObjectNode result = json.createObjectNode().put("isError", true);
            result.putArray("content").addObject().put("type", "text").put("text", problem.getMessage());
            return result;
        });
    }

    private JsonNode toolResult(InvokeResult result) {
        ObjectNode answer = json.createObjectNode();
        answer.set("content", result.content() == null || result.content().isMissingNode()
                ? json.createArrayNode() : result.content());
        if (result.structuredContent() != null && !result.structuredContent().isNull()) {
            answer.set("structuredContent", result.structuredContent());
        }
        answer.put("isError", result.isError());
        return answer;
    }

    private CompletionStage<JsonNode> getPrompt(JsonNode params, Caller caller) {
        String name = requiredText(params, "name");
        Qualified qualified = qualified(name, caller).orElseThrow(() -> McpError.invalidParams("Unknown prompt: " + name));
        JsonNode arguments = params.path("arguments");
        Map<String, Object> values = arguments.isObject() ? json.convertValue(arguments, OBJECT) : Map.of();
        return catalogs.getPrompt(qualified.name(), qualified.server().id(), values, caller)
                .exceptionallyCompose(failure -> failed(asMcpError(UpstreamFailures.unwrap(failure), "prompts/get")));
    }

    private CompletionStage<JsonNode> readResource(JsonNode params, Caller caller) {
        String uri = requiredText(params, "uri");
        Located located = locate(uri, caller);
        return catalogs.readResource(located.server().id(), located.uri(), caller).thenApply(result -> {
            if (result.path("contents").isArray()) {
                result.path("contents").forEach(content -> {
                    if (content.isObject() && content.path("uri").isTextual()) {
                        ((ObjectNode) content).put("uri", prefix(located.server(), content.get("uri").asText()));
                    }
                });
            }
            return (JsonNode) result;
        }).exceptionallyCompose(failure -> failed(asMcpError(UpstreamFailures.unwrap(failure), "resources/read")));
    }

    /** Completion of a prompt's or a resource template's argument, asked of the server that offers it. */
    private CompletionStage<JsonNode> complete(JsonNode params, Caller caller) {
        JsonNode ref = params.path("ref");
        ObjectNode upstream = params.deepCopy();
        ObjectNode upstreamRef = upstream.withObject("/ref");
        ServerDefinition server;
        String checked;
        switch (ref.path("type").asText()) {
            case "ref/prompt" -> {
                String name = requiredText(ref, "name");
                Qualified qualified = qualified(name, caller).orElseThrow(() -> McpError.invalidParams("Unknown prompt: " + name));
                server = qualified.server();
                checked = qualified.name();
                upstreamRef.put("name", checked);
            }
            case "ref/resource" -> {
                String uri = requiredText(ref, "uri");
                Located located = unprefix(uri, caller)
                        .orElseThrow(() -> new McpError(McpError.RESOURCE_NOT_FOUND, "Resource not found: " + uri));
                server = located.server();
                checked = located.uri();
                upstreamRef.put("uri", checked);
            }
            default -> throw McpError.invalidParams("ref.type must be ref/prompt or ref/resource");
        }
        upstream.remove("_meta");
        return catalogs.complete(server.id(), checked, upstream, caller)
                .exceptionallyCompose(failure -> failed(asMcpError(UpstreamFailures.unwrap(failure), "completion/complete")));
    }

    private record Qualified(ServerDefinition server, String name) {
    }

    private record Located(ServerDefinition server, String uri) {
    }

    /** {@code <server>__<name>}, for a server the caller may see. */
    private Optional<Qualified> qualified(String name, Caller caller) {
        int separator = name.indexOf(ToolCatalog.SEPARATOR);
        if (separator <= 0) {
            return Optional.empty();
        }
        String serverName = name.substring(0, separator);
        String own = name.substring(separator + ToolCatalog.SEPARATOR.length());
        return visibleNamed(serverName, caller).map(server -> new Qualified(server, own));
    }

    /**
     * A prefixed URI, or a server's own URI (as tool results link them) when one visible server lists it; when several
     * do, the error names each one's prefixed URI to read instead.
     */
    private Located locate(String uri, Caller caller) {
        Supplier<McpError> notFound = () -> new McpError(McpError.RESOURCE_NOT_FOUND, "Resource not found: " + uri);
        if (uri.startsWith(URI_SCHEME)) {
            return unprefix(uri, caller).orElseThrow(notFound);
        }
        List<Located> listing = catalogs.offers(caller).stream()
                .filter(offer -> offer.resources().stream().anyMatch(resource -> resource.uri().equals(uri)))
                .map(offer -> new Located(offer.server(), uri)).toList();
        return OneOffer.atMostOne(listing, candidates -> McpError.invalidParams(
                "Resource " + uri + " is listed by several servers; read one of " + candidates),
                located -> prefix(located.server(), uri)).orElseThrow(notFound);
    }

    private Optional<Located> unprefix(String uri, Caller caller) {
        if (!uri.startsWith(URI_SCHEME)) {
            return Optional.empty();
        }
        String rest = uri.substring(URI_SCHEME.length());
        int slash = rest.indexOf('/');
        if (slash <= 0) {
            return Optional.empty();
        }
        String serverName = rest.substring(0, slash);
        return visibleNamed(serverName, caller).map(server -> new Located(server, rest.substring(slash + 1)));
    }

    /** The server of that name the caller may use; a tenant's server and a global one may share a name. */
    private Optional<ServerDefinition> visibleNamed(String serverName, Caller caller) {
        List<ServerDefinition> visible = directory.named(serverName).stream()
                .filter(server -> directory.visibleTo(server, caller)).toList();
        return OneOffer.atMostOne(visible, ids -> McpError.invalidParams("Server name " + serverName
                + " is shared by servers " + ids + " that this key may use; an administrator must rename one"),
                server -> server.id().toString());
    }

    static String prefix(ServerDefinition server, String uri) {
        return URI_SCHEME + server.name() + "/" + uri;
    }

    private ObjectNode tool(ToolCatalog.Offered offered) {
        return offered.tool().definition().deepCopy().put("name", offered.qualifiedName());
    }

    private ObjectNode named(ObjectNode definition, ServerDefinition server) {
        ObjectNode copy = definition.deepCopy();
        return copy.put("name", server.name() + ToolCatalog.SEPARATOR + definition.path("name").asText());
    }

    private ObjectNode prefixed(ObjectNode definition, String field, ServerDefinition server) {
        ObjectNode copy = definition.deepCopy();
        return copy.put(field, prefix(server, definition.path(field).asText()));
    }

    /** One page of a list, and the cursor of the next when there is one; a cursor is the offset, opaque to clients. */
    private ObjectNode page(String field, Stream<ObjectNode> items, JsonNode params) {
        List<ObjectNode> all = items.toList();
        int offset = offset(params.path("cursor"));
        int end = Math.min(all.size(), offset + pageSize);
        ObjectNode result = json.createObjectNode();
        ArrayNode page = result.putArray(field);
        all.subList(Math.min(offset, all.size()), end).forEach(page::add);
        if (end < all.size()) {
            result.put("nextCursor", Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(String.valueOf(end).getBytes(StandardCharsets.UTF_8)));
        }
        return result;
    }

    private static int offset(JsonNode cursor) {
        if (cursor.isMissingNode() || cursor.isNull()) {
            return 0;
        }
        try {
            int offset = Integer.parseInt(new String(Base64.getUrlDecoder().decode(cursor.asText()), StandardCharsets.UTF_8));
            if (offset < 0) {
                throw new NumberFormatException();
            }
            return offset;
        } catch (IllegalArgumentException e) {
            throw McpError.invalidParams("Invalid cursor");
        }
    }

    /** The list changes reach sessions and {@code subscriptions/listen} streams; logs reach sessions only. */
    private ObjectNode capabilities() {
        ObjectNode capabilities = json.createObjectNode();
        Stream.of("tools", "prompts", "resources").forEach(kind -> capabilities.putObject(kind).put("listChanged", true));
        capabilities.putObject("completions");
        capabilities.putObject("logging");
        return capabilities;
    }

    private ObjectNode serverInfo() {
        return json.createObjectNode().put("name", "switchboard").put("title", "Switchboard MCP gateway")
                .put("version", version);
    }

    private static String instructions() {
        return "Tools and prompts are named <server>__<name>; resource URIs are switchboard://<server>/<the server's URI>.";
    }

    private static String requiredText(JsonNode params, String field) {
        JsonNode value = params.path(field);
        if (!value.isTextual() || value.asText().isEmpty()) {
            throw McpError.invalidParams(field + " is required and must be a string");
        }
        return value.asText();
    }

    private static McpError asMcpError(Throwable failure, String method) {
        if (failure instanceof McpError mcp) {
            return mcp;
        }
        if (failure instanceof ApiException api) {
            return switch (api.code()) {
                case NOT_FOUND -> method.startsWith("resources/") ? new McpError(McpError.RESOURCE_NOT_FOUND, api.getMessage())
                        : McpError.invalidParams(api.getMessage());
                case VALIDATION_ERROR, CONFLICT -> McpError.invalidParams(api.getMessage());
                default -> new McpError(McpError.INTERNAL_ERROR, api.getMessage());
            };
        }
        return new McpError(McpError.INTERNAL_ERROR, "the request failed");
    }

    private static <T> CompletionStage<T> done(T value) {
        return CompletableFuture.completedFuture(value);
    }

    private static <T> CompletionStage<T> failed(Throwable failure) {
        return CompletableFuture.failedFuture(failure);
    }
}
