package dev.switchboard.platform.events;

import java.time.Duration;

/** Consumer settings for tests of {@link ConsumerGuard}, short enough that giving up takes milliseconds. */
public record TestConsumerConfig(Duration giveUpAfter, Duration initialBackoff, Duration maxBackoff)
        implements ConsumerConfig {

    /** Gives up after {@code giveUpAfter}, backing off from 10 ms up to 40 ms. */
    public static ConsumerConfig givingUpAfter(Duration giveUpAfter) {
        return new TestConsumerConfig(giveUpAfter, Duration.ofMillis(10), Duration.ofMillis(40));
    }
}
