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
import io.modelcontextprotocol.client.transport.customizer.McpHttpClientAuthorizationErrorHandler;
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
    private final OAuth2Tokens tokens;

    public UpstreamTransports(InvocationConfig config, OAuth2Tokens tokens) {
        this.connectTimeout = config.upstream().connectTimeout();
        this.tokens = tokens;
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
            var builder = HttpClientSseClientTransport.builder(origin(url));
            if (server.auth() instanceof OAuth2Auth oauth) {
                builder.clientBuilder(TokenRenewingHttpClient.builder(() -> {
                    tokens.forget(oauth);
                    return "Bearer " + tokens.token(oauth);
                }));
            }
            return builder.sseEndpoint(pathAndQuery(url)).jsonMapper(json).connectTimeout(connectTimeout)
                    .httpRequestCustomizer(headers(sse.headers(), server.auth())).build();
        }
        if (server.transport() instanceof StreamableHttpTransport http) {
            URI url = URI.create(http.url());
            return HttpClientStreamableHttpTransport.builder(origin(url)).endpoint(pathAndQuery(url)).jsonMapper(json)
                    .connectTimeout(connectTimeout).httpRequestCustomizer(headers(http.headers(), server.auth()))
                    .authorizationErrorHandler(McpHttpClientAuthorizationErrorHandler.fromSync(
                            (response, context) -> renewedAfter(response.statusCode(), server.auth())))
                    .build();
        }
        if (server.transport() instanceof WebSocketTransport webSocket) {
            Map<String, String> headers = new LinkedHashMap<>(webSocket.headers());
            staticAuthHeaders(server.auth(), headers);
            Runnable onUnauthorized = () -> { };
            if (server.auth() instanceof OAuth2Auth oauth) {
                headers.put("Authorization", "Bearer " + tokens.token(oauth));
                onUnauthorized = () -> tokens.forget(oauth);
            }
            return new WebSocketClientTransport(URI.create(webSocket.url()), headers, webSocket.heartbeat(), connectTimeout,
                    json, onUnauthorized);
        }
        throw new IllegalArgumentException("Unknown transport " + server.transport().type());
    }

    /** The configured headers and credentials on every request; an OAuth 2.0 token is asked for each time, from cache. */
    private McpSyncHttpClientRequestCustomizer headers(Map<String, String> configured, UpstreamAuth auth) {
        Map<String, String> headers = new LinkedHashMap<>(configured);
        staticAuthHeaders(auth, headers);
        return (builder, method, endpoint, body, context) -> {
            headers.forEach(builder::setHeader);
            if (auth instanceof OAuth2Auth oauth) {
                builder.setHeader("Authorization", "Bearer " + tokens.token(oauth));
            }
        };
    }

    /** A 401 with an OAuth 2.0 token means it expired or was revoked early: forget it and let the SDK retry once. */
    private boolean renewedAfter(int status, UpstreamAuth auth) {
        if (status == 401 && auth instanceof OAuth2Auth oauth) {
            tokens.forget(oauth);
            return true;
        }
        return false;
    }

    private static void staticAuthHeaders(UpstreamAuth auth, Map<String, String> headers) {
        if (auth instanceof ApiKeyAuth apiKey) {
            String prefix = apiKey.prefix().isEmpty() || apiKey.prefix().endsWith(" ") ? apiKey.prefix() : apiKey.prefix() + " ";
            headers.put(apiKey.header(), prefix + apiKey.key());
        } else if (auth instanceof BearerAuth bearer) {
            headers.put("Authorization", "Bearer " + bearer.token());
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
