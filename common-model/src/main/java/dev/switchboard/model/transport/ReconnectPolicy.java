package dev.switchboard.model.transport;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * Exponential backoff between reconnect attempts: {@code initialDelayMs}, multiplied by {@code backoffMultiplier}
 * after each failure, up to {@code maxDelayMs}. After the first attempt fails, {@code maxAttempts} more are made;
 * 0 keeps trying for as long as the server is wanted.
 */
public record ReconnectPolicy(
        boolean enabled,
        @Min(0) @Max(1000) int maxAttempts,
        @Min(10) @Max(600_000) long initialDelayMs,
        @Min(10) @Max(3_600_000) long maxDelayMs,
        @DecimalMin("1.0") @DecimalMax("10.0") Double backoffMultiplier) {

    public static final ReconnectPolicy DEFAULT = new ReconnectPolicy(true, 10, 500, 30_000, 2.0);

    public ReconnectPolicy {
        backoffMultiplier = backoffMultiplier == null ? 2.0 : backoffMultiplier;
    }

    /** Whether to try again after {@code failures} attempts in a row have failed. */
    public boolean triesAgainAfter(int failures) {
        return enabled && (maxAttempts == 0 || failures <= maxAttempts);
    }

    /** How long to wait after {@code failures} (at least one) attempts in a row have failed. */
    public long delayAfter(int failures) {
        double delay = initialDelayMs * Math.pow(backoffMultiplier, Math.min(Math.max(failures, 1) - 1, 60));
        return (long) Math.min(maxDelayMs, delay);
    }

    @AssertTrue(message = "maxDelayMs must not be below initialDelayMs")
    boolean isDelayRangeOrdered() {
        return maxDelayMs >= initialDelayMs;
    }
}
