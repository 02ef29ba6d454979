package dev.switchboard.platform.events;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How the service's one Kafka producer batches. */
@ConfigMapping(prefix = "switchboard.events")
public interface ProducerSettings {

    /**
     * How long a send waits for others to share its request to the broker; the invocation service, whose events come
     * with every tool call and are never waited for, waits longer than the others.
     */
    @WithDefault("PT0.005S")
    Duration linger();

    /** How long one request to the broker may take before the producer tries again. */
    @WithDefault("PT10S")
    Duration requestTimeout();

    /**
     * How long the producer keeps trying to deliver a record before it reports a failure. Whoever waits for a send
     * (the outbox relay, the invocation service's sender) must wait longer, so that the producer gives up first and
     * its answer, not the wait, decides; {@link #requireOutlastedBy} checks that at start.
     */
    @WithDefault("PT30S")
    Duration deliveryTimeout();

    /**
     * Fails at start unless {@code wait}, the setting {@code name}, outlasts the producer's delivery timeout.
     *
     * @throws IllegalStateException naming both settings when it does not
     */
    default void requireOutlastedBy(Duration wait, String name) {
        if (wait.compareTo(deliveryTimeout()) <= 0) {
            throw new IllegalStateException(name + " (" + wait + ") must be longer than switchboard.events.delivery-timeout ("
                    + deliveryTimeout() + "), so that the producer gives up before the wait does");
        }
    }
}
