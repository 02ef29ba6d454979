package dev.switchboard.invocation.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.invocation.service.CircuitBreaker.State;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The circuit's states as MicroProfile Fault Tolerance defines them, with a window of four and half failing to open. */
class CircuitBreakerTest {

    private static final Duration DELAY = Duration.ofSeconds(10);

    private long now;
    private final List<String> changes = new ArrayList<>();
    private final CircuitBreaker breaker = new CircuitBreaker(0.5, 4, DELAY.toNanos(), 2, () -> now,
            (from, to) -> changes.add(from + "->" + to));

    @Test
    void staysClosedUntilItsWindowIsFull() {
        call(true);
        call(true);
        call(true);
        assertEquals(State.CLOSED, breaker.state());
        assertTrue(breaker.allows());
    }

    @Test
    void opensWhenAFullWindowFailsAtTheRatio() {
        call(false);
        call(false);
        call(true);
        call(true);
        assertEquals(State.OPEN, breaker.state());
        assertFalse(breaker.allows());
        assertEquals(List.of("CLOSED->OPEN"), changes);
    }

    @Test
    void staysClosedWhileTheWindowRollsBelowTheRatio() {
        call(true);
        call(false);
        call(false);
        call(false);
        call(false);
        call(true);
        assertEquals(State.CLOSED, breaker.state(), "the first failure has left the window: one of the last four failed");
        call(false);
        call(true);
        assertEquals(State.OPEN, breaker.state(), "two of the last four failed");
    }

    @Test
    void refusesEveryCallUntilItsDelayHasPassed() {
        open();
        now += DELAY.toNanos() - 1;
        assertFalse(breaker.allows());
        now += 1;
        assertTrue(breaker.allows());
        assertEquals(State.HALF_OPEN, breaker.state());
    }

    @Test
    void letsOnlyItsTrialCallsThroughWhenHalfOpen() {
        open();
        now += DELAY.toNanos();
        assertTrue(breaker.allows());
        assertTrue(breaker.allows());
        assertFalse(breaker.allows(), "two trials are in flight");
    }

    @Test
    void closesWithAnEmptyWindowWhenEveryTrialSucceeds() {
        open();
        now += DELAY.toNanos();
        call(false);
        assertEquals(State.HALF_OPEN, breaker.state());
        call(false);
        assertEquals(State.CLOSED, breaker.state());
        call(true);
        call(true);
        call(true);
        assertEquals(State.CLOSED, breaker.state(), "the failures before it opened were forgotten");
        assertEquals(List.of("CLOSED->OPEN", "OPEN->HALF_OPEN", "HALF_OPEN->CLOSED"), changes);
    }

    @Test
    void opensAgainAtTheFirstFailedTrial() {
        open();
        now += DELAY.toNanos();
        call(false);
        call(true);
        assertEquals(State.OPEN, breaker.state());
        assertFalse(breaker.allows(), "a new delay starts");
        assertEquals(List.of("CLOSED->OPEN", "OPEN->HALF_OPEN", "HALF_OPEN->OPEN"), changes);
    }

    @Test
    void ignoresCallsThatEndAfterItOpened() {
        assertTrue(breaker.allows());
        open();
        breaker.completed(false);
        assertEquals(State.OPEN, breaker.state());
    }

    private void open() {
        for (int call = 0; call < 4; call++) {
            call(true);
        }
        assertEquals(State.OPEN, breaker.state());
    }

    private void call(boolean failed) {
        assertTrue(breaker.allows(), "let through");
        breaker.completed(failed);
    }
}
