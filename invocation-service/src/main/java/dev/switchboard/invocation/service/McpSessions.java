package dev.switchboard.invocation.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.invocation.config.InvocationConfig;
import dev.switchboard.invocation.repository.SessionSignalRepository.Kind;
import dev.switchboard.invocation.repository.SessionSignalRepository.Signal;
import dev.switchboard.platform.crypto.SecretCipher;
import dev.switchboard.platform.security.Caller;
import dev.switchboard.platform.security.CredentialMemo;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
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
 * store. A session belongs to the key that opened it; shown with another key, it does not exist. What a session is
 * told after it opened (ended, a request cancelled) reaches every replica as a {@link SessionSignals signal}.
 */
@ApplicationScoped
public class McpSessions {

    /** Bound into every id, so that no other sealed value (a server's secret) passes for a session. */
    private static final String PURPOSE = "mcp-session/1 ";
    private static final int OPENED_CAPACITY = 10_000;

    /** What an id holds. */
    public record Session(String protocolVersion, String keyId, Instant expiresAt) {
    }

    private final SecretCipher cipher;
    private final ObjectMapper json;
    private final SessionSignals signals;
    private final Duration ttl;
    /** As long as any call may run, so that a cancellation written for another replica still finds its call. */
    private final Duration cancelKept;
    /** What ids said once opened: opening one (AES-GCM) was the largest single cost of an /mcp request. */
    private final CredentialMemo<Session> opened = new CredentialMemo<>(OPENED_CAPACITY);
    private final Counter openings;
    /** Sessions ended with DELETE on any replica, by fingerprint, until they would have expired anyway. */
    private final Map<String, Instant> ended = new ConcurrentHashMap<>();
    /** Calls in progress on this replica, by session fingerprint and request id, for {@code notifications/cancelled}. */
    private final Map<String, ToolService.Control> inFlight = new ConcurrentHashMap<>();

    public McpSessions(SecretCipher cipher, ObjectMapper json, SessionSignals signals, InvocationConfig config,
                       MeterRegistry metrics) {
        this.cipher = cipher;
        this.json = json;
        this.signals = signals;
        this.ttl = config.mcp().sessionTtl();
        this.cancelKept = config.upstream().maxCallTimeout();
        this.openings = Counter.builder("switchboard.mcp.session.ids.opened")
                .description("MCP session ids opened; an id already opened is served from memory until it expires")
                .register(metrics);
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
        if (id == null || id.isBlank() || (!ended.isEmpty() && ended.containsKey(SessionSignals.fingerprint(id)))) {
            return Optional.empty();
        }
        Instant now = Instant.now();
        Session session = opened.get(id, now.getEpochSecond());
        if (session == null) {
            session = unseal(id);
            if (session == null) {
                return Optional.empty();
            }
            openings.increment();
            opened.put(id, session, session.expiresAt().getEpochSecond(), now.getEpochSecond());
        }
        boolean valid = Objects.equals(session.keyId(), caller.keyId()) && now.isBefore(session.expiresAt());
        return valid ? Optional.of(session) : Optional.empty();
    }

    /** What a sealed id holds, or {@code null} when it is not a session id of ours. */
    private Session unseal(String id) {
        try {
            String state = cipher.open(id);
            if (!state.startsWith(PURPOSE)) {
                return null;
            }
            JsonNode read = json.readTree(state.substring(PURPOSE.length()));
            return new Session(read.path("v").asText(), read.path("k").asText(),
                    Instant.ofEpochSecond(read.path("e").asLong()));
        } catch (IOException | RuntimeException notOurs) {
            return null;
        }
    }

    /** Ends a session, on every replica within the signal interval. */
    public void end(String id, Session session) {
        Signal signal = new Signal(SessionSignals.fingerprint(id), Kind.ENDED, null, session.expiresAt());
        ended(signal);
        signals.send(signal);
    }

    /**
     * A call of the session runs on this replica until {@link #finished}; {@code requestId} is its JSON-RPC id.
     *
     * @return what names the call to {@link #finished}
     */
    public String started(String sessionId, JsonNode requestId, ToolService.Control control) {
        String call = callKey(SessionSignals.fingerprint(sessionId), requestId.toString());
        inFlight.put(call, control);
        return call;
    }

    public void finished(String call) {
        inFlight.remove(call);
    }

    /** The client cancelled a request: here if the call runs here, or on whichever replica runs it. */
    public void cancel(String sessionId, JsonNode requestId) {
        String fingerprint = SessionSignals.fingerprint(sessionId);
        ToolService.Control control = inFlight.remove(callKey(fingerprint, requestId.toString()));
        if (control != null) {
            control.cancel();
        } else {
            signals.send(new Signal(fingerprint, Kind.CANCELLED, requestId.toString(), Instant.now().plus(cancelKept)));
        }
    }

    void signalled(@Observes Signal signal) {
        switch (signal.kind()) {
            case ENDED -> ended(signal);
            case CANCELLED -> {
                ToolService.Control control = inFlight.remove(callKey(signal.session(), signal.value()));
                if (control != null) {
                    control.cancel();
                }
            }
            case LEVEL -> {
            }
        }
    }

    private void ended(Signal signal) {
        Instant now = Instant.now();
        ended.values().removeIf(expiry -> expiry.isBefore(now));
        ended.put(signal.session(), signal.expiresAt());
    }

    private static String callKey(String fingerprint, String requestId) {
        return fingerprint + " " + requestId;
    }
}
