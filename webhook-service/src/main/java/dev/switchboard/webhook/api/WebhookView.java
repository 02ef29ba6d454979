package dev.switchboard.webhook.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A subscription as the API shows it; the signing secret is never part of it. */
@RegisterForReflection
public record WebhookView(
        UUID id,
        String tenantId,
        String url,
        List<String> events,
        String description,
        boolean enabled,
        Instant createdAt,
        Instant updatedAt,
        Instant lastDeliveryAt,
        DeliveryStats deliveryStats) {
}
