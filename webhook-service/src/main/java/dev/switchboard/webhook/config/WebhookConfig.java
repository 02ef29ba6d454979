package dev.switchboard.webhook.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;

@ConfigMapping(prefix = "switchboard.webhook")
public interface WebhookConfig {

    /**
     * The waits before each retry: after the first attempt fails, the first wait, and so on; when they are used up the
     * delivery fails. The default follows the Standard Webhooks practice: seconds, then minutes, then hours, about a
     * day in all. A receiver's {@code Retry-After} lengthens a wait, never shortens it.
     */
    @WithDefault("PT5S,PT5M,PT30M,PT2H,PT5H,PT10H,PT10H")
    List<Duration> retrySchedule();

    @WithDefault("PT5S")
    Duration connectTimeout();

    /** How long a receiver may take to answer; longer counts as a failed attempt, to be retried. */
    @WithDefault("PT15S")
    Duration responseTimeout();

    /** How often due deliveries are looked for. */
    @WithDefault("PT0.25S")
    Duration pollInterval();

    /** Deliveries in flight at once, in all. */
    @WithDefault("64")
    int maxInFlight();

    /**
     * Deliveries in flight at once to one subscription, so that a slow receiver holds up only its own. With more than
     * one, events may reach a receiver out of order.
     */
    @WithDefault("4")
    int maxInFlightPerSubscription();

    /**
     * Deliveries of one subscription leased beyond those in flight, to be sent from memory as its slots free: under
     * load a claim, a round trip to PostgreSQL, fills a subscription's queue rather than each freed slot costing one.
     * 0 claims only what can be sent at once.
     */
    @WithDefault("16")
    int claimAheadPerSubscription();

    /**
     * How long a delivery leased ahead may wait for a slot before it is given back to be claimed afresh. It bounds how
     * long a change made through another replica (a new URL or secret, a delete) can take to reach deliveries this one
     * already holds; a change made through this replica gives them back at once. Claiming ahead is off when the lease
     * leaves no room for it beside {@code response-timeout}.
     */
    @WithDefault("PT2S")
    Duration claimAheadFor();

    /** How long the previous secret keeps signing, beside the new one, after a rotation. */
    @WithDefault("PT24H")
    Duration secretOverlap();

    /** How long a claimed delivery stays with its worker before another may take it over. */
    @WithDefault("PT1M")
    Duration lease();

    /**
     * A subscription whose attempts have all failed for this long is disabled, with {@code webhook.disabled}; as in
     * Standard Webhooks' practice, five days by default.
     */
    @WithDefault("P5D")
    Duration disableAfter();
}
