package dev.switchboard.model.transport;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** Exponential backoff between reconnect attempts: {@code initialDelayMs} doubling up to {@code maxDelayMs}. */
public record ReconnectPolicy(
        boolean enabled,
        @Min(0) @Max(1000) int maxAttempts,
        @Min(10) @Max(600_000) long initialDelayMs,
        @Min(10) @Max(3_600_000) long maxDelayMs) {

    public static final ReconnectPolicy DEFAULT = new ReconnectPolicy(true, 10, 500, 30_000);

    @AssertTrue(message = "maxDelayMs must not be below initialDelayMs")
    boolean isDelayRangeOrdered() {
        return maxDelayMs >= initialDelayMs;
    }
}
