package dev.switchboard.platform.retry;

import java.time.Duration;

/** Exponential backoff: waits that double from {@code initial} and never exceed {@code max}. */
public record Backoff(Duration initial, Duration max) {

    public Backoff {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < initial <= max, not " + initial + " and " + max);
        }
    }

    /** The wait after {@code wait}: twice as long, up to the maximum. */
    public Duration after(Duration wait) {
        Duration doubled = wait.multipliedBy(2);
        return doubled.compareTo(max) > 0 ? max : doubled;
    }

    /** The wait before the next try after {@code attempts} failed ones (at least one). */
    public Duration afterAttempts(int attempts) {
        Duration wait = initial.multipliedBy(1L << Math.min(Math.max(attempts, 1) - 1, 30));
        return wait.compareTo(max) > 0 || wait.isNegative() ? max : wait;
    }
}
