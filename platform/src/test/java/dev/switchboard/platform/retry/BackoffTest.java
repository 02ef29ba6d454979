package dev.switchboard.platform.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(1));

    @Test
    void doublesEachWaitUpToTheMaximum() {
        assertEquals(Duration.ofMillis(400), backoff.after(Duration.ofMillis(200)));
        assertEquals(Duration.ofMillis(800), backoff.after(Duration.ofMillis(400)));
        assertEquals(Duration.ofSeconds(1), backoff.after(Duration.ofMillis(800)));
        assertEquals(Duration.ofSeconds(1), backoff.after(Duration.ofSeconds(1)));
    }

    @Test
    void countsFromTheFirstFailedAttemptAndNeverOverflows() {
        assertEquals(Duration.ofMillis(200), backoff.afterAttempts(1));
        assertEquals(Duration.ofMillis(400), backoff.afterAttempts(2));
        assertEquals(Duration.ofSeconds(1), backoff.afterAttempts(4));
        assertEquals(Duration.ofSeconds(1), backoff.afterAttempts(Integer.MAX_VALUE));
        assertEquals(Duration.ofMillis(200), backoff.afterAttempts(0));
    }

    @Test
    void refusesAMaximumBelowTheFirstWait() {
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ZERO, Duration.ofSeconds(1)));
    }
}
