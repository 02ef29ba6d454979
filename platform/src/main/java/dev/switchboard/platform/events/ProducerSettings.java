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
}
