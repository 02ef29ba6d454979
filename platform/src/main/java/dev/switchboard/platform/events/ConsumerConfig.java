package dev.switchboard.platform.events;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How the event consumers of every service treat failures. */
@ConfigMapping(prefix = "switchboard.consumers")
public interface ConsumerConfig {

    /**
     * How long a consumer waits out a failing database or broker before it gives up and stops, which makes the
     * service not live so that it is restarted. It must stay below Kafka's {@code max.poll.interval.ms} (5 minutes).
     */
    @WithDefault("PT2M")
    Duration giveUpAfter();

    /** The first wait after a transient failure; it doubles up to {@link #maxBackoff()}. */
    @WithDefault("PT0.5S")
    Duration initialBackoff();

    @WithDefault("PT10S")
    Duration maxBackoff();
}
