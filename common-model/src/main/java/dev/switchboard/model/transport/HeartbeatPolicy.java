package dev.switchboard.model.transport;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** A ping every {@code intervalMs}; a missing pong within {@code timeoutMs} counts the connection as lost. */
public record HeartbeatPolicy(
        boolean enabled,
        @Min(1_000) @Max(3_600_000) long intervalMs,
        @Min(100) @Max(600_000) long timeoutMs) {

    public static final HeartbeatPolicy DEFAULT = new HeartbeatPolicy(true, 30_000, 10_000);
}
