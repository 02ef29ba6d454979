package dev.switchboard.platform.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ConsumerGuardTest {

    private final ConsumerGuard guard = new ConsumerGuard(null, TestConsumerConfig.givingUpAfter(Duration.ofSeconds(5)));

    @Test
    void leavesARecordThatFailsWhileItsServiceStopsUnparkedAndUncommitted() {
        AtomicInteger attempts = new AtomicInteger();
        ConsumerStoppedException stop = assertThrows(ConsumerStoppedException.class,
                () -> guard.retrying("webhook-service", () -> {
                    attempts.incrementAndGet();
                    guard.serviceStopping(null);
                    throw new IllegalStateException("EntityManagerFactory is closed");
                }));
        assertEquals(1, attempts.get());
        assertTrue(stop.getMessage().contains("its service is stopping"), stop.getMessage());
        assertEquals(Map.of(), guard.stopped(), "a stopping service is not a dead consumer");
    }

    @Test
    void takesNoRecordOnceItsServiceStops() {
        guard.serviceStopping(null);
        AtomicInteger attempts = new AtomicInteger();
        assertThrows(ConsumerStoppedException.class, () -> guard.retrying("audit-service", attempts::incrementAndGet));
        assertEquals(0, attempts.get());
    }

    @Test
    void stopsWaitingForItsDatabaseWhenItsServiceStops() {
        AtomicInteger attempts = new AtomicInteger();
        assertThrows(ConsumerStoppedException.class, () -> guard.retrying("registry-service", () -> {
            if (attempts.incrementAndGet() == 2) {
                guard.serviceStopping(null);
            }
            throw new DependencyUnavailableException("database restarting", null);
        }));
        assertEquals(2, attempts.get());
    }
}
