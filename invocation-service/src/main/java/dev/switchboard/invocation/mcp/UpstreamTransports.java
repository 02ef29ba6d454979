package dev.switchboard.invocation.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.invocation.config.InvocationConfig;
import dev.switchboard.model.auth.ApiKeyAuth;
import dev.switchboard.model.auth.BearerAuth;
import dev.switchboard.model.auth.OAuth2Auth;
import dev.switchboard.model.auth.UpstreamAuth;
import dev.switchboard.model.server.ServerDefinition;
import dev.switchboard.model.transport.SseTransport;
import dev.switchboard.model.transport.StdioTransport;
import dev.switchboard.model.transport.StreamableHttpTransport;
import dev.switchboard.model.transport.WebSocketTransport;
import io.modelcontextprotocol.client.transport.HttpClientSseClientTransport;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.customizer.McpSyncHttpClientRequestCustomizer;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpClientTransport;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds the MCP client transport for a server's configuration, with its headers and upstream credentials. */
@ApplicationScoped
public class UpstreamTransports {

    private final McpJsonMapper json = new JacksonMcpJsonMapper(new ObjectMapper());
    private final Duration connectTimeout;

    public UpstreamTransports(InvocationConfig config) {
        this.connectTimeout = config.upstream().connectTimeout();
    }

    public McpJsonMapper json() {
        return json;
    }

    public McpClientTransport create(ServerDefinition server) {
        if (server.transport() instanceof StdioTransport stdio) {
            return new SupervisedStdioTransport(server.name(), stdio, json);
        }
        if (server.transport() instanceof SseTransport sse) {
            URI url = URI.create(sse.url());
            return HttpClientSseClientTransport.builder(origin(url)).sseEndpoint(pathAndQuery(url)).jsonMapper(json)
                    .connectTimeout(connectTimeout).httpRequestCustomizer(headers(sse.headers(), server.auth())).build();
        }
        if (server.transport() instanceof StreamableHttpTransport http) {
            URI url = URI.create(http.url());
            return HttpClientStreamableHttpTransport.builder(origin(url)).endpoint(pathAndQuery(url)).jsonMapper(json)
                    .connectTimeout(connectTimeout).httpRequestCustomizer(headers(http.headers(), server.auth())).build();
        }
        if (server.transport() instanceof WebSocketTransport webSocket) {
            Map<String, String> headers = new LinkedHashMap<>(webSocket.headers());
            authHeaders(server.auth(), headers);
            return new WebSocketClientTransport(URI.create(webSocket.url()), headers, webSocket.heartbeat(), connectTimeout, json);
        }
        throw new IllegalArgumentException("Unknown transport " + server.transport().type());
    }

    private static McpSyncHttpClientRequestCustomizer headers(Map<String, String> configured, UpstreamAuth auth) {
        Map<String, String> headers = new LinkedHashMap<>(configured);
        authHeaders(auth, headers);
        return (builder, method, endpoint, body, context) -> headers.forEach(builder::setHeader);
    }

    private static void authHeaders(UpstreamAuth auth, Map<String, String> headers) {
        if (auth instanceof ApiKeyAuth apiKey) {
            String prefix = apiKey.prefix().isEmpty() || apiKey.prefix().endsWith(" ") ? apiKey.prefix() : apiKey.prefix() + " ";
            headers.put(apiKey.header(), prefix + apiKey.key());
        } else if (auth instanceof BearerAuth bearer) {
            headers.put("Authorization", "Bearer " + bearer.token());
        } else if (auth instanceof OAuth2Auth) {
            throw new UnsupportedOperationException("oauth2 upstream credentials are not available in this version");
        }
    }

    private static String origin(URI url) {
        return url.getScheme() + "://" + url.getRawAuthority();
    }

    private static String pathAndQuery(URI url) {
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        return url.getRawQuery() == null ? path : path + "?" + url.getRawQuery();
    }
}
