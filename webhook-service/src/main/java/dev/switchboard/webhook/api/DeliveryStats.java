package dev.switchboard.webhook.api;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** How a subscription's deliveries went; {@code successRate} is delivered over finished, 0 to 1, null before any. */
@RegisterForReflection
public record DeliveryStats(long total, long succeeded, long failed, long pending, Double successRate) {

    public static DeliveryStats of(long total, long succeeded, long failed) {
        long finished = succeeded + failed;
        return new DeliveryStats(total, succeeded, failed, total - finished,
                finished == 0 ? null : (double) succeeded / finished);
    }
}
