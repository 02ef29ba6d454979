package dev.switchboard.platform.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.platform.events.ConsumerGuard;
import dev.switchboard.platform.events.ConsumerStoppedException;
import dev.switchboard.platform.events.DependencyUnavailableException;
import dev.switchboard.platform.events.TestConsumerConfig;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

class ConsumersLivenessTest {

    private final ConsumerGuard guard = new ConsumerGuard(null, TestConsumerConfig.givingUpAfter(Duration.ofMillis(200)));
    private final ConsumersLiveness liveness = new ConsumersLiveness(guard);

    @Test
    void isLiveWhileAConsumerWaitsOutAShortOutage() {
        AtomicInteger attempts = new AtomicInteger();
        String result = guard.retrying("audit-service", () -> {
            if (attempts.incrementAndGet() < 3) {
                throw new DependencyUnavailableException("database restarting", null);
            }
            return "stored";
        });
        assertEquals("stored", result);
        assertEquals(3, attempts.get());
        assertEquals(HealthCheckResponse.Status.UP, liveness.call().getStatus());
    }

    @Test
    void isNotLiveOnceAConsumerGaveUpOnItsInfrastructure() {
        assertThrows(ConsumerStoppedException.class, () -> guard.retrying("webhook-service", () -> {
            throw new DependencyUnavailableException("database gone", null);
        }));
        HealthCheckResponse response = liveness.call();
        assertEquals(HealthCheckResponse.Status.DOWN, response.getStatus());
        assertTrue(response.getData().orElseThrow().get("webhook-service").toString().contains("database gone"));
    }

    @Test
    void handsAFailureOfTheRecordBackAtOnceForItToBeParked() {
        IllegalArgumentException bad = new IllegalArgumentException("not a connection event");
        AtomicInteger attempts = new AtomicInteger();
        assertSame(bad, assertThrows(IllegalArgumentException.class, () -> guard.retrying("registry-service", () -> {
            attempts.incrementAndGet();
            throw bad;
        })));
        assertEquals(1, attempts.get());
        assertEquals(HealthCheckResponse.Status.UP, liveness.call().getStatus());
    }
}
