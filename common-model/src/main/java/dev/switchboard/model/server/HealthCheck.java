package dev.switchboard.model.server;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * How often the invocation service pings a connected server, and how long it waits for the answer. A member left
 * out takes its default.
 */
public record HealthCheck(
        Boolean enabled,
        @Min(1_000) @Max(86_400_000) Long intervalMs,
        @Min(100) @Max(600_000) Long timeoutMs) {

    public static final HealthCheck DEFAULT = new HealthCheck(true, 30_000L, 5_000L);

    public HealthCheck {
        enabled = enabled == null || enabled;
        intervalMs = intervalMs == null ? 30_000L : intervalMs;
        timeoutMs = timeoutMs == null ? 5_000L : timeoutMs;
    }

    @AssertTrue(message = "timeoutMs must not exceed intervalMs")
    boolean isTimeoutWithinInterval() {
        return timeoutMs <= intervalMs;
    }
}
