package dev.switchboard.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "switchboard.outbox")
public interface OutboxConfig {

    /**
     * How often the relay looks for pending rows as a safety net, such as {@code 1s}; it relays right after each
     * commit that wrote events anyway.
     */
    @WithDefault(OutboxRelay.DEFAULT_POLL_INTERVAL)
    String pollInterval();

    /** Attempts before a row the broker refuses for a reason of its own is parked as dead. */
    @WithDefault("5")
    int maxAttempts();

    /** How long sent rows are kept for inspection. */
    @WithDefault("P1D")
    Duration keepSent();

    /** How often sent rows past {@link #keepSent()} are removed, such as {@code 1h}. */
    @WithDefault(OutboxRelay.DEFAULT_PURGE_INTERVAL)
    String purgeInterval();

    /** Rows published per relay run. */
    @WithDefault("200")
    int batchSize();

    /** The first retry delay after a failed send; it doubles up to {@link #maxBackoff()}. */
    @WithDefault("PT1S")
    Duration initialBackoff();

    @WithDefault("PT1M")
    Duration maxBackoff();

    /** How long the relay waits for the broker to take a row; longer than the producer's delivery timeout. */
    @WithDefault("PT35S")
    Duration sendTimeout();

    /** The transaction of one batch, which holds its rows' locks while they are sent; longer than a send. */
    @WithDefault("PT2M")
    Duration batchTimeout();
}
