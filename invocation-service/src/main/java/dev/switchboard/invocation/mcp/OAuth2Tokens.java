package dev.switchboard.invocation.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.model.auth.OAuth2Auth;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * OAuth 2.0 client-credentials tokens for upstream servers: fetched from the server's {@code tokenUrl} with the
 * client id and secret in HTTP Basic (RFC 6749 §2.3.1), kept until shortly before they expire, and forgotten when
 * the upstream answers 401 so that the next request fetches a fresh one. Concurrent requests for the same token
 * share one fetch, which goes through the outbound URL policy like every connection.
 */
@ApplicationScoped
public class OAuth2Tokens {

    private static final Logger LOG = Logger.getLogger(OAuth2Tokens.class);
    private static final Duration EARLY = Duration.ofSeconds(30);
    private static final long TIMEOUT_MILLIS = 10_000;
    private static final int MAX_ANSWER_BYTES = 64 * 1024;

    private record Token(String value, Instant renewAt) {
    }

    private final OutboundHttp http;
    private final ObjectMapper json;
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<String>> fetching = new ConcurrentHashMap<>();

    public OAuth2Tokens(OutboundHttp http, ObjectMapper json) {
        this.http = http;
        this.json = json;
    }

    public CompletableFuture<String> token(OAuth2Auth auth) {
        String key = key(auth);
        Token current = tokens.get(key);
        if (current != null && Instant.now().isBefore(current.renewAt())) {
            return CompletableFuture.completedFuture(current.value());
        }
        return fetching.computeIfAbsent(key, ignored -> fetch(auth).whenComplete((token, failure) -> fetching.remove(key)));
    }

    public void forget(OAuth2Auth auth) {
        tokens.remove(key(auth));
    }

    private CompletableFuture<String> fetch(OAuth2Auth auth) {
        String form = "grant_type=client_credentials"
                + (auth.scopes().isEmpty() ? "" : "&scope=" + URLEncoder.encode(String.join(" ", auth.scopes()), StandardCharsets.UTF_8));
        String basic = Base64.getEncoder().encodeToString((URLEncoder.encode(auth.clientId(), StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(auth.clientSecret(), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        Map<String, String> headers = Map.of("Authorization", "Basic " + basic,
                "Content-Type", "application/x-www-form-urlencoded", "Accept", "application/json");
        return http.target(URI.create(auth.tokenUrl())).thenCompose(target -> http.request(HttpMethod.POST, target, headers,
                        TIMEOUT_MILLIS)
                .compose(request -> request.send(Buffer.buffer(form)))
                .compose(response -> OutboundHttp.body(response, MAX_ANSWER_BYTES).map(body -> {
                    if (response.statusCode() != 200) {
                        throw new UpstreamFailure(UpstreamFailure.Kind.CONNECTION,
                                "the token endpoint answered HTTP " + response.statusCode());
                    }
                    return body;
                }))
                .toCompletionStage())
                .thenApply(body -> remember(auth, body))
                .exceptionally(failure -> {
                    UpstreamFailure upstream = UpstreamFailure.of(failure, UpstreamFailure.Kind.CONNECTION,
                            "the token endpoint cannot be reached");
                    LOG.warnf("Fetching a token from %s failed: %s", auth.tokenUrl(),
                            upstream.getCause() == null ? upstream.getMessage() : upstream.getCause().getMessage());
                    throw upstream;
                });
    }

    private String remember(OAuth2Auth auth, Buffer body) {
        JsonNode answer;
        try {
            answer = json.readTree(body.getBytes());
        } catch (IOException e) {
            throw new UpstreamFailure(UpstreamFailure.Kind.CONNECTION, "the token endpoint answered something that is not JSON");
        }
        if (!answer.hasNonNull("access_token")) {
            throw new UpstreamFailure(UpstreamFailure.Kind.CONNECTION, "the token endpoint answered no access_token");
        }
        long lifetime = answer.path("expires_in").asLong(300);
        String value = answer.get("access_token").asText();
        tokens.put(key(auth), new Token(value, Instant.now().plusSeconds(lifetime).minus(EARLY)));
        return value;
    }

    private static String key(OAuth2Auth auth) {
        return auth.tokenUrl() + "\u0000" + auth.clientId() + "\u0000" + String.join(" ", auth.scopes());
    }
}
