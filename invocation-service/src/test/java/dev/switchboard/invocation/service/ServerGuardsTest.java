package dev.switchboard.invocation.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.switchboard.invocation.api.CircuitBreakerView;
import dev.switchboard.invocation.config.InvocationConfig;
import dev.switchboard.model.api.ErrorCode;
import dev.switchboard.model.server.RateLimits;
import dev.switchboard.model.server.ServerDefinition;
import dev.switchboard.model.transport.StdioTransport;
import dev.switchboard.platform.error.ApiException;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A server's circuit as the monitor shows it: the calls that opened it, and when it lets a call through again. */
@QuarkusTest
class ServerGuardsTest {

    @Inject
    ServerGuards guards;

    @Inject
    InvocationConfig config;

    private final ServerDefinition server = new ServerDefinition(UUID.randomUUID(), null, "breaker-view", null,
            new StdioTransport("node", List.of(), null), null, null, RateLimits.UNLIMITED, null, null, null, true, null);

    @AfterEach
    void forget() {
        guards.forget(server.id());
    }

    @Test
    void showsTheCallsThatOpenedACircuitAndWhenItsCooldownEnds() {
        guards.call(server, () -> CompletableFuture.completedFuture(JsonNodeFactory.instance.objectNode()))
                .toCompletableFuture().join();
        CircuitBreakerView closed = view();
        assertEquals("closed", closed.state());
        assertEquals(1, closed.successCount());
        assertNull(closed.cooldownEndsAt());

        // One success and then failures fill the breaker's window, which opens at once: over half of it failed.
        int window = config.resilience().requestVolumeThreshold();
        for (int call = 1; call < window; call++) {
            assertEquals(ErrorCode.UPSTREAM_ERROR, assertThrows(ApiException.class, this::failingCall).code());
        }
        assertEquals(ErrorCode.CIRCUIT_OPEN, assertThrows(ApiException.class, this::failingCall).code());

        CircuitBreakerView open = view();
        assertEquals("open", open.state());
        assertEquals(window - 1, open.failures(), "the refused call never reached the server");
        assertEquals(1, open.successCount());
        assertNotNull(open.lastFailure());
        assertEquals(open.lastStateChange().plus(config.resilience().delay()), open.cooldownEndsAt());
    }

    private void failingCall() {
        try {
            guards.call(server, () -> CompletableFuture.failedFuture(
                    new ApiException(ErrorCode.UPSTREAM_ERROR, "the server failed"))).toCompletableFuture().join();
        } catch (CompletionException e) {
            throw (ApiException) e.getCause();
        }
    }

    private CircuitBreakerView view() {
        return guards.breakers().stream().filter(breaker -> breaker.serverId().equals(server.id())).findFirst().orElseThrow();
    }
}
