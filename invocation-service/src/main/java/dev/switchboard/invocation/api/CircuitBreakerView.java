package dev.switchboard.invocation.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.UUID;

/**
 * A server's breaker as {@code /api/monitor/circuit-breakers} lists it. {@code failures} and
 * {@code successCount} count the calls since the circuit last closed, so an open circuit shows the failures
 * that opened it.
 *
 * @param cooldownEndsAt when an open circuit lets a trial call through; absent unless open
 */
@RegisterForReflection
public record CircuitBreakerView(UUID serverId, String serverName, String state, long failures, long successCount,
                                 Instant lastFailure, Instant lastStateChange, Instant cooldownEndsAt) {
}
