package dev.switchboard.invocation.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.model.auth.OAuth2Auth;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * OAuth 2.0 client-credentials tokens for upstream servers: fetched from the server's {@code tokenUrl} with the
 * client id and secret in HTTP Basic (RFC 6749 §2.3.1), kept until shortly before they expire, and forgotten when
 * the upstream answers 401 so that the next request fetches a fresh one.
 */
@ApplicationScoped
public class OAuth2Tokens {

    private static final Duration EARLY = Duration.ofSeconds(30);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Token(String value, Instant renewAt) {
    }

    /**
     * HTTP/1.1: on plain http the JDK's default asks to upgrade to h2c, which servers that also accept WebSockets on
     * the same port refuse (405), taking the upgrade for a failed WebSocket handshake.
     */
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();

    public String token(OAuth2Auth auth) {
        Token current = tokens.get(key(auth));
        if (current != null && Instant.now().isBefore(current.renewAt())) {
            return current.value();
        }
        Token fresh = fetch(auth);
        tokens.put(key(auth), fresh);
        return fresh.value();
    }

    public void forget(OAuth2Auth auth) {
        tokens.remove(key(auth));
    }

    private Token fetch(OAuth2Auth auth) {
        String form = "grant_type=client_credentials"
                + (auth.scopes().isEmpty() ? "" : "&scope=" + URLEncoder.encode(String.join(" ", auth.scopes()), StandardCharsets.UTF_8));
        String basic = Base64.getEncoder().encodeToString((URLEncoder.encode(auth.clientId(), StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(auth.clientSecret(), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(auth.tokenUrl())).timeout(TIMEOUT)
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("the token endpoint answered " + response.statusCode());
            }
            JsonNode body = JSON.readTree(response.body());
            if (!body.hasNonNull("access_token")) {
                throw new IllegalStateException("the token endpoint answered no access_token");
            }
            long lifetime = body.path("expires_in").asLong(300);
            Instant renewAt = Instant.now().plusSeconds(lifetime).minus(EARLY);
            return new Token(body.get("access_token").asText(), renewAt);
        } catch (IOException e) {
            throw new IllegalStateException("the token endpoint cannot be reached: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while fetching a token", e);
        }
    }

    private static String key(OAuth2Auth auth) {
        return auth.tokenUrl() + "\u0000" + auth.clientId() + "\u0000" + String.join(" ", auth.scopes());
    }
}
