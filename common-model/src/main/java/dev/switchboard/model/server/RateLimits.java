package dev.switchboard.model.server;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** Calls a server accepts through Switchboard; {@code null} is unlimited. */
public record RateLimits(
        @Min(1) @Max(1_000_000) Integer requestsPerMinute,
        @Min(1) @Max(1_000_000_000) Integer requestsPerDay) {

    public static final RateLimits UNLIMITED = new RateLimits(null, null);
}
