package dev.switchboard.invocation.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.invocation.config.InvocationConfig;
import dev.switchboard.model.server.ServerDefinition;
import dev.switchboard.model.transport.SseTransport;
import dev.switchboard.model.transport.StdioTransport;
import dev.switchboard.model.transport.StreamableHttpTransport;
import dev.switchboard.model.transport.WebSocketTransport;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Duration;
import java.util.function.Consumer;

/** Builds the transport for a server's configuration, with its headers and upstream credentials, and opens sessions. */
@ApplicationScoped
public class UpstreamTransports {

    private final ObjectMapper json;
    private final OutboundHttp http;
    private final OAuth2Tokens tokens;
    private final StdioProcesses processes;
    private final Duration connectTimeout;
    private final int maxMessageBytes;

    public UpstreamTransports(ObjectMapper json, OutboundHttp http, OAuth2Tokens tokens, StdioProcesses processes,
                              InvocationConfig config) {
        this.json = json;
        this.http = http;
        this.tokens = tokens;
        this.processes = processes;
        this.connectTimeout = config.upstream().connectTimeout();
        this.maxMessageBytes = config.upstream().maxMessageBytes();
    }

    /** Connects to the server, performs the handshake and lists what it offers. */
    public UpstreamSession open(ServerDefinition server, Consumer<Catalog> onCatalogChange) {
        return UpstreamSession.open(create(server), json, server.name(), connectTimeout, onCatalogChange);
    }

    UpstreamTransport create(ServerDefinition server) {
        if (server.transport() instanceof StdioTransport stdio) {
            return new StdioUpstream(server.name(), stdio, processes, json, maxMessageBytes);
        }
        if (server.transport() instanceof SseTransport sse) {
            return new LegacySseUpstream(server.name(), URI.create(sse.url()),
                    new UpstreamCredentials(sse.headers(), server.auth(), tokens), http, json, maxMessageBytes, connectTimeout);
        }
        if (server.transport() instanceof StreamableHttpTransport streamable) {
            return new StreamableHttpUpstream(server.name(), URI.create(streamable.url()),
                    new UpstreamCredentials(streamable.headers(), server.auth(), tokens), http, json, maxMessageBytes);
        }
        if (server.transport() instanceof WebSocketTransport webSocket) {
            return new WebSocketUpstream(server.name(), URI.create(webSocket.url()),
                    new UpstreamCredentials(webSocket.headers(), server.auth(), tokens), webSocket.heartbeat(), http, json,
                    connectTimeout, maxMessageBytes);
        }
        throw new IllegalArgumentException("Unknown transport " + server.transport().type());
    }
}
