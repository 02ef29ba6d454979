package dev.switchboard.invocation.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * One live MCP session with an upstream server: the handshake, the discovery of everything it offers (following
 * pagination cursors), and the calls. The server's {@code list_changed} notifications update the catalog and are
 * passed on to {@code onCatalogChange}.
 */
public final class UpstreamSession implements AutoCloseable {

    /** The protocol revisions Switchboard speaks as a client, newest first; the first is the one it asks for. */
    public static final List<String> PROTOCOL_VERSIONS = List.of("2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05");
    private static final String CLIENT_VERSION = "0.1.0";
    private static final Logger LOG = Logger.getLogger(UpstreamSession.class);

    private final UpstreamTransport transport;
    private final RpcSession rpc;
    private final String serverName;
    private final Duration listTimeout;
    private final Consumer<Catalog> onCatalogChange;
    private final Instant openedAt = Instant.now();
    private volatile Catalog catalog = Catalog.EMPTY;
    private volatile String protocolVersion;
    private volatile String serverInfoName;
    private volatile JsonNode capabilities;
    private volatile Consumer<String> onLost;
    private volatile Consumer<JsonNode> onLog = params -> { };

    private UpstreamSession(UpstreamTransport transport, ObjectMapper json, String serverName, Duration listTimeout,
                            Consumer<Catalog> onCatalogChange) {
        this.transport = transport;
        this.serverName = serverName;
        this.listTimeout = listTimeout;
        this.onCatalogChange = onCatalogChange;
        this.rpc = new RpcSession(transport, json, serverName);
        rpc.listen(new RpcSession.Listener() {
            @Override
            public void notification(String method, JsonNode params) {
                onNotification(method, params);
            }

            @Override
            public void closed(String reason) {
                LOG.debugf("[%s] connection closed: %s", serverName, reason);
                Consumer<String> handler = onLost;
                if (handler != null) {
                    handler.accept(reason);
                }
            }
        });
    }

    /** Connects, performs the handshake and the first discovery; abandons what it opened when any of it fails. */
    public static UpstreamSession open(UpstreamTransport transport, ObjectMapper json, String serverName, Duration timeout,
                                       Consumer<Catalog> onCatalogChange) {
        UpstreamSession session = new UpstreamSession(transport, json, serverName, timeout, onCatalogChange);
        try {
            transport.start(session.rpc);
            session.handshake(timeout);
            session.catalog = session.discover(timeout);
            return session;
        } catch (RuntimeException e) {
            session.abandon();
            throw e;
        }
    }

    public Catalog catalog() {
        return catalog;
    }

    public Instant openedAt() {
        return openedAt;
    }

    public String protocolVersion() {
        return protocolVersion;
    }

    /** The name the server gave itself in the handshake. */
    public String serverInfoName() {
        return serverInfoName;
    }

    /** What the server said it offers in the handshake. */
    public JsonNode capabilities() {
        return capabilities;
    }

    public UpstreamTransport transport() {
        return transport;
    }

    /**
     * Called once when the connection ends by itself (the process exited, the server closed it), at once rather than
     * at the next health check; at once if it has ended already.
     */
    public void onLost(Consumer<String> handler) {
        onLost = handler;
        if (rpc.isClosed()) {
            handler.accept(transport.lossReason());
        }
    }

    /** Where the server's log messages ({@code notifications/message}) go from now on. */
    public void onLog(Consumer<JsonNode> handler) {
        onLog = handler;
    }

    /** @return the {@code result} of {@code tools/call}: content, structuredContent and isError as the server sent them */
    public CompletableFuture<JsonNode> callTool(String name, Map<String, Object> arguments, Duration timeout) {
        return callTool(name, arguments, timeout, null);
    }

    /**
     * With a {@code progress} listener, the call carries a progress token of this session's own and the server's
     * {@code notifications/progress} params for it reach the listener. Cancelling the answer cancels the call.
     */
    public CompletableFuture<JsonNode> callTool(String name, Map<String, Object> arguments, Duration timeout,
                                                Consumer<JsonNode> progress) {
        ObjectNode params = rpc.json().createObjectNode().put("name", name);
        params.set("arguments", rpc.json().valueToTree(arguments));
        return rpc.ask("tools/call", params, timeout, progress);
    }

    /** {@code completion/complete}, with {@code params} as the client sent them, its reference already the server's own. */
    public CompletableFuture<JsonNode> complete(ObjectNode params, Duration timeout) {
        return rpc.ask("completion/complete", params, timeout);
    }

    public CompletableFuture<JsonNode> readResource(String uri, Duration timeout) {
        return rpc.ask("resources/read", rpc.json().createObjectNode().put("uri", uri), timeout);
    }

    public CompletableFuture<JsonNode> getPrompt(String name, Map<String, String> arguments, Duration timeout) {
        ObjectNode params = rpc.json().createObjectNode().put("name", name);
        params.set("arguments", rpc.json().valueToTree(arguments));
        return rpc.ask("prompts/get", params, timeout);
    }

    public void ping(Duration timeout) {
        rpc.call("ping", null, timeout);
    }

    /** Ends a session that stopped working: no goodbye that a hung server would never answer. */
    public void abandon() {
        transport.abandon();
        rpc.closed("abandoned");
    }

    @Override
    public void close() {
        transport.close();
        rpc.closed("closed");
    }

    private void handshake(Duration timeout) {
        ObjectNode params = rpc.json().createObjectNode().put("protocolVersion", PROTOCOL_VERSIONS.get(0));
        params.putObject("capabilities");
        params.putObject("clientInfo").put("name", "switchboard").put("version", CLIENT_VERSION);
        JsonNode answer = rpc.call("initialize", params, timeout);
        String version = answer.path("protocolVersion").asText(null);
        if (!PROTOCOL_VERSIONS.contains(version)) {
            throw new UpstreamFailure(UpstreamFailure.Kind.CONNECTION, "the server speaks protocol version " + version
                    + ", which Switchboard does not (it speaks " + String.join(", ", PROTOCOL_VERSIONS) + ")");
        }
        protocolVersion = version;
        capabilities = answer.path("capabilities");
        serverInfoName = answer.path("serverInfo").path("name").asText(null);
        transport.initialized(version);
        rpc.notify("notifications/initialized", null);
    }

    private Catalog discover(Duration timeout) {
        CompletableFuture<List<Catalog.Tool>> tools = offers("tools") ? tools() : done(List.of());
        CompletableFuture<List<Catalog.Prompt>> prompts = offers("prompts") ? prompts() : done(List.of());
        CompletableFuture<List<Catalog.Resource>> resources = offers("resources") ? resources() : done(List.of());
        CompletableFuture<List<Catalog.ResourceTemplate>> templates = offers("resources") ? templates() : done(List.of());
        try {
            CompletableFuture.allOf(tools, prompts, resources, templates).get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return new Catalog(tools.join(), prompts.join(), resources.join(), templates.join());
        } catch (TimeoutException e) {
            throw new UpstreamFailure(UpstreamFailure.Kind.TIMEOUT, "the server did not list what it offers within "
                    + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpstreamFailure(UpstreamFailure.Kind.CONNECTION, "interrupted while listing what the server offers");
        } catch (ExecutionException e) {
            throw UpstreamFailure.of(e, UpstreamFailure.Kind.CONNECTION, "listing what the server offers failed");
        }
    }

    private boolean offers(String capability) {
        return capabilities != null && capabilities.hasNonNull(capability);
    }

    private CompletableFuture<List<Catalog.Tool>> tools() {
        return all("tools/list", "tools").thenApply(items -> items.stream().map(Catalog.Tool::of).toList());
    }

    private CompletableFuture<List<Catalog.Prompt>> prompts() {
        return all("prompts/list", "prompts").thenApply(items -> items.stream().map(Catalog.Prompt::of).toList());
    }

    private CompletableFuture<List<Catalog.Resource>> resources() {
        return all("resources/list", "resources").thenApply(items -> items.stream().map(Catalog.Resource::of).toList());
    }

    /** A server may offer resources without templates, and answer this with an error; it then has none. */
    private CompletableFuture<List<Catalog.ResourceTemplate>> templates() {
        return all("resources/templates/list", "resourceTemplates")
                .thenApply(items -> items.stream().map(Catalog.ResourceTemplate::of).toList())
                .exceptionally(failure -> List.of());
    }

    /** Follows {@code nextCursor} until the server says there is no more, guarding against a cursor that repeats. */
    private CompletableFuture<List<ObjectNode>> all(String method, String field) {
        return page(method, field, null, new ArrayList<>(), new HashSet<>());
    }

    private CompletableFuture<List<ObjectNode>> page(String method, String field, String cursor, List<ObjectNode> found,
                                                     Set<String> seen) {
        ObjectNode params = rpc.json().createObjectNode();
        if (cursor != null) {
            params.put("cursor", cursor);
        }
        return rpc.request(method, params, null).answer().thenCompose(result -> {
            result.path(field).forEach(item -> {
                if (item.isObject()) {
                    found.add((ObjectNode) item);
                }
            });
            String next = result.path("nextCursor").isTextual() ? result.get("nextCursor").asText() : null;
            return next == null || !seen.add(next) ? done(found) : page(method, field, next, found, seen);
        });
    }

    private void onNotification(String method, JsonNode params) {
        switch (method) {
            case "notifications/tools/list_changed" -> refresh(tools(), catalog -> catalog::withTools);
            case "notifications/prompts/list_changed" -> refresh(prompts(), catalog -> catalog::withPrompts);
            case "notifications/resources/list_changed" -> refresh(resources().thenCombine(templates(), ResourceLists::new),
                    catalog -> lists -> catalog.withResources(lists.resources(), lists.templates()));
            case "notifications/message" -> onLog.accept(params);
            default -> LOG.tracef("[%s] notification %s", serverName, method);
        }
    }

    private record ResourceLists(List<Catalog.Resource> resources, List<Catalog.ResourceTemplate> templates) {
    }

    /** Lists again without blocking the transport's thread, then announces the new catalog. */
    private <T> void refresh(CompletableFuture<T> listed, Function<Catalog, Function<T, Catalog>> update) {
        Deadlines.within(listed, listTimeout).whenComplete((items, failure) -> {
            if (failure != null) {
                LOG.warnf("[%s] could not list what changed: %s", serverName, failure.getMessage());
                return;
            }
            synchronized (this) {
                catalog = update.apply(catalog).apply(items);
            }
            onCatalogChange.accept(catalog);
        });
    }

    private static <T> CompletableFuture<T> done(T value) {
        return CompletableFuture.completedFuture(value);
    }
}
