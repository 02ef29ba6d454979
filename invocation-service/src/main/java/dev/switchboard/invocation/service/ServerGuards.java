package dev.switchboard.invocation.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.invocation.api.CircuitBreakerView;
import dev.switchboard.invocation.config.InvocationConfig;
import dev.switchboard.invocation.service.CircuitBreaker.State;
import dev.switchboard.model.api.ErrorCode;
import dev.switchboard.model.server.ServerDefinition;
import dev.switchboard.platform.error.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * A circuit breaker and a bulkhead per server, both on the caller's thread, an event loop, without offloading. Only the
 * server's failures count against its circuit (it failed, it took too long, it was not there); a tool that answers
 * {@code isError} worked. Calls are never retried here: a tool may not be idempotent.
 */
@ApplicationScoped
public class ServerGuards {

    private static final Logger LOG = Logger.getLogger(ServerGuards.class);
    private static final Set<ErrorCode> SERVER_FAILURES = Set.of(ErrorCode.UPSTREAM_ERROR, ErrorCode.TIMEOUT,
            ErrorCode.SERVER_DISCONNECTED);


    /** Whether a failed call reached the server and failed there, as the breaker counts failures. */
    public static boolean isServerFailure(Throwable failure) {
        return failure instanceof ApiException api && SERVER_FAILURES.contains(api.code());
    }

    private final Map<UUID, Guarded> guards = new ConcurrentHashMap<>();
    private final InvocationConfig.Resilience config;
    private final ConnectionEvents events;
    private final InvocationMetrics metrics;

    public ServerGuards(InvocationConfig config, ConnectionEvents events, InvocationMetrics metrics) {
        this.config = config.resilience();
        this.events = events;
        this.metrics = metrics;
    }

    /**
     * Runs a call to {@code server} through its bulkhead and breaker without blocking, and says why when they refuse
     * it. The bulkhead refuses a call beyond the limit at once rather than queueing it.
     */
    public CompletionStage<JsonNode> call(ServerDefinition server, Supplier<CompletionStage<JsonNode>> call) {
        Guarded guarded = guards.computeIfAbsent(server.id(), id -> new Guarded(server));
        if (!guarded.inFlight.tryAcquire()) {
            return CompletableFuture.failedFuture(new ApiException(ErrorCode.SERVICE_UNAVAILABLE, "server " + server.name()
                    + " already has " + config.maxConcurrentCalls() + " calls in flight", List.of(), Map.of("Retry-After", "1")));
        }
        if (!guarded.breaker.allows()) {
            guarded.inFlight.release();
            long retryAfter = Math.max(1, config.delay().toSeconds());
            return CompletableFuture.failedFuture(new ApiException(ErrorCode.CIRCUIT_OPEN, "server " + server.name()
                    + " is failing; its circuit is open", List.of(), Map.of("Retry-After", String.valueOf(retryAfter))));
        }
        CompletionStage<JsonNode> result;
        try {
            result = call.get();
        } catch (RuntimeException e) {
            result = CompletableFuture.failedFuture(e);
        }
        return result.handle((answer, failure) -> {
            guarded.inFlight.release();
            if (failure == null) {
                guarded.breaker.completed(false);
                guarded.successes.incrementAndGet();
                return answer;
            }
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            boolean serverFailed = isServerFailure(cause);
            if (serverFailed) {
                guarded.failures.incrementAndGet();
                guarded.lastFailure = Instant.now();
            }
            guarded.breaker.completed(serverFailed);
            throw cause instanceof RuntimeException runtime ? runtime : new CompletionException(cause);
        });
    }

    public List<CircuitBreakerView> breakers() {
        return guards.values().stream()
                .map(Guarded::view)
                .sorted(Comparator.comparing(CircuitBreakerView::serverName))
                .toList();
    }

    public void forget(UUID serverId) {
        Guarded removed = guards.remove(serverId);
        if (removed != null) {
            metrics.forgetCircuit(removed.server.name());
        }
    }

    private final class Guarded {

        private final ServerDefinition server;
        private final CircuitBreaker breaker;
        private final Semaphore inFlight = new Semaphore(config.maxConcurrentCalls());
        private volatile Instant since = Instant.now();
        private volatile Instant lastFailure;
        private final AtomicLong failures = new AtomicLong();
        private final AtomicLong successes = new AtomicLong();

        Guarded(ServerDefinition server) {
            this.server = server;
            this.breaker = new CircuitBreaker(config.failureRatio(), config.requestVolumeThreshold(),
                    config.delay().toNanos(), config.successThreshold(), System::nanoTime, this::changed);
            metrics.circuit(server.name(), () -> switch (breaker.state()) {
                case CLOSED -> 0;
                case HALF_OPEN -> 1;
                case OPEN -> 2;
            });
        }

        CircuitBreakerView view() {
            State now = breaker.state();
            return new CircuitBreakerView(server.id(), server.name(), now.name().toLowerCase(Locale.ROOT), failures.get(),
                    successes.get(), lastFailure, since, now == State.OPEN ? since.plus(config.delay()) : null);
        }

        private void changed(State before, State next) {
            since = Instant.now();
            if (next == State.CLOSED) {
                failures.set(0);
                successes.set(0);
            }
            LOG.infof("Circuit of server %s: %s -> %s", server.name(), before, next);
            if (next == State.OPEN || (next == State.CLOSED && before != State.CLOSED)) {
                events.circuit(server, next == State.OPEN);
            }
        }
    }
}
