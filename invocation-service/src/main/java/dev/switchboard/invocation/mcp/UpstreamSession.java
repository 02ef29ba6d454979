package dev.switchboard.invocation.mcp;

import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * One live MCP session with an upstream server: the handshake, the discovery of everything it offers (following
 * pagination cursors), and the calls. The server's {@code list_changed} notifications update the catalog and are
 * passed on to {@code onCatalogChange}.
 */
public final class UpstreamSession implements AutoCloseable {

    private final McpClientTransport transport;
    private final McpAsyncClient client;
    private final Instant openedAt = Instant.now();
    private volatile Catalog catalog = Catalog.EMPTY;
    private volatile McpSchema.InitializeResult handshake;

    private UpstreamSession(McpClientTransport transport, Duration requestTimeout, Consumer<Catalog> onCatalogChange) {
        this.transport = transport;
        this.client = McpClient.async(transport)
                .clientInfo(new McpSchema.Implementation("switchboard", "0.1.0"))
                .requestTimeout(requestTimeout)
                .initializationTimeout(requestTimeout)
                .toolsChangeConsumer(changed(tools -> catalog.withTools(tools), onCatalogChange))
                .promptsChangeConsumer(changed(prompts -> catalog.withPrompts(prompts), onCatalogChange))
                .resourcesChangeConsumer(changed(resources -> catalog.withResources(resources), onCatalogChange))
                .build();
    }

    /** Performs the handshake and the first discovery; closes what it opened when either fails. */
    public static UpstreamSession open(McpClientTransport transport, Duration timeout, Consumer<Catalog> onCatalogChange) {
        UpstreamSession session = new UpstreamSession(transport, timeout, onCatalogChange);
        try {
            session.handshake = session.client.initialize().block(timeout);
            session.catalog = session.discover(timeout);
            return session;
        } catch (RuntimeException e) {
            session.close();
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
        return handshake == null ? null : handshake.protocolVersion();
    }

    /** The name the server gave itself in the handshake. */
    public String serverInfoName() {
        return handshake == null || handshake.serverInfo() == null ? null : handshake.serverInfo().name();
    }

    public McpClientTransport transport() {
        return transport;
    }

    public McpSchema.CallToolResult callTool(String name, Map<String, Object> arguments, Duration timeout) {
        return client.callTool(new McpSchema.CallToolRequest(name, arguments)).block(timeout);
    }

    public McpSchema.ReadResourceResult readResource(String uri, Duration timeout) {
        return client.readResource(new McpSchema.ReadResourceRequest(uri)).block(timeout);
    }

    public McpSchema.GetPromptResult getPrompt(String name, Map<String, Object> arguments, Duration timeout) {
        return client.getPrompt(new McpSchema.GetPromptRequest(name, arguments)).block(timeout);
    }

    public void ping(Duration timeout) {
        client.ping().block(timeout);
    }

    /** Ends a session that stopped working: no goodbye that a hung server would never answer, and its process ends first. */
    public void abandon() {
        if (transport instanceof SupervisedStdioTransport stdio) {
            stdio.terminate();
        }
        client.close();
    }

    @Override
    public void close() {
        try {
            client.closeGracefully().block(Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            client.close();
        } finally {
            if (transport instanceof SupervisedStdioTransport stdio) {
                stdio.terminate();
            }
        }
    }

    private Catalog discover(Duration timeout) {
        McpSchema.ServerCapabilities capabilities = Optional.ofNullable(handshake.capabilities())
                .orElse(McpSchema.ServerCapabilities.builder().build());
        List<McpSchema.Tool> tools = capabilities.tools() == null ? List.of()
                : all(cursor -> client.listTools(cursor), McpSchema.ListToolsResult::tools, McpSchema.ListToolsResult::nextCursor, timeout);
        List<McpSchema.Prompt> prompts = capabilities.prompts() == null ? List.of()
                : all(cursor -> client.listPrompts(cursor), McpSchema.ListPromptsResult::prompts, McpSchema.ListPromptsResult::nextCursor, timeout);
        List<McpSchema.Resource> resources = capabilities.resources() == null ? List.of()
                : all(cursor -> client.listResources(cursor), McpSchema.ListResourcesResult::resources,
                        McpSchema.ListResourcesResult::nextCursor, timeout);
        List<McpSchema.ResourceTemplate> templates = capabilities.resources() == null ? List.of()
                : all(cursor -> client.listResourceTemplates(cursor), McpSchema.ListResourceTemplatesResult::resourceTemplates,
                        McpSchema.ListResourceTemplatesResult::nextCursor, timeout);
        return new Catalog(tools, prompts, resources, templates);
    }

    /** Follows {@code nextCursor} until the server says there is no more, guarding against a cursor that repeats. */
    private static <P, T> List<T> all(Function<String, Mono<P>> list, Function<P, List<T>> items,
                                      Function<P, String> nextCursor, Duration timeout) {
        List<T> found = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            P page = list.apply(cursor).block(timeout);
            if (page == null) {
                break;
            }
            List<T> pageItems = items.apply(page);
            if (pageItems != null) {
                found.addAll(pageItems);
            }
            cursor = nextCursor.apply(page);
        } while (cursor != null && !seen.contains(cursor) && seen.add(cursor));
        return found;
    }

    private <T> Function<List<T>, Mono<Void>> changed(Function<List<T>, Catalog> update, Consumer<Catalog> listener) {
        return items -> Mono.fromRunnable(() -> {
            catalog = update.apply(items);
            listener.accept(catalog);
        });
    }
}
