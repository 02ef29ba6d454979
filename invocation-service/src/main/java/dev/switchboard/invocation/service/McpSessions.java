package dev.switchboard.invocation.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.invocation.config.InvocationConfig;
import dev.switchboard.platform.crypto.SecretCipher;
import dev.switchboard.platform.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * MCP sessions of the downstream endpoint, kept in their own ids: an id is the session's state (protocol version, the
 * key it belongs to, its expiry) sealed with the secrets key, so that any replica opens it and none needs a shared
 * store. A session belongs to the key that opened it; shown with another key, it does not exist.
 */
@ApplicationScoped
public class McpSessions {

    /** Bound into every id, so that no other sealed value (a server's secret) passes for a session. */
    private static final String PURPOSE = "mcp-session/1 ";

    /** What an id holds. */
    public record Session(String protocolVersion, String keyId, Instant expiresAt) {
    }

    private final SecretCipher cipher;
    private final ObjectMapper json;
    private final Duration ttl;
    /** Ids ended with DELETE on this replica, until they would have expired anyway. */
    private final Map<String, Instant> ended = new ConcurrentHashMap<>();

    public McpSessions(SecretCipher cipher, ObjectMapper json, InvocationConfig config) {
        this.cipher = cipher;
        this.json = json;
        this.ttl = config.mcp().sessionTtl();
    }

    public String open(String protocolVersion, Caller caller) {
        Map<String, Object> state = Map.of("v", protocolVersion, "k", caller.keyId(),
                "e", Instant.now().plus(ttl).getEpochSecond());
        try {
            return cipher.seal(PURPOSE + json.writeValueAsString(state));
        } catch (IOException e) {
            throw new IllegalStateException("a session's state could not be written", e);
        }
    }

    /** The session, if the id is one of ours, unexpired, not ended, and the caller's key opened it. */
    public Optional<Session> find(String id, Caller caller) {
        if (id == null || id.isBlank() || ended.containsKey(id)) {
            return Optional.empty();
        }
        try {
            String state = cipher.open(id);
            if (!state.startsWith(PURPOSE)) {
                return Optional.empty();
            }
            JsonNode read = json.readTree(state.substring(PURPOSE.length()));
            Session session = new Session(read.path("v").asText(), read.path("k").asText(),
                    Instant.ofEpochSecond(read.path("e").asLong()));
            boolean valid = Objects.equals(session.keyId(), caller.keyId()) && Instant.now().isBefore(session.expiresAt());
            return valid ? Optional.of(session) : Optional.empty();
        } catch (IOException | RuntimeException notOurs) {
            return Optional.empty();
        }
    }

    /**
     * Ends a session on this replica. Another replica learns of it only when the session expires: ending it
     * everywhere at once would need the shared store that this design avoids.
     */
    public void end(String id, Session session) {
        Instant now = Instant.now();
        ended.values().removeIf(expiry -> expiry.isBefore(now));
        ended.put(id, session.expiresAt());
    }
}
