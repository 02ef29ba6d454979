package dev.switchboard.model.event;

import java.util.UUID;

/** The {@code data} of {@code webhook.delivery.failed}: a delivery that will not be tried again unless redelivered. */
public record WebhookDeliveryFailed(UUID webhookId, UUID deliveryId, String eventId, int attempts, Integer lastStatus,
                                    String error) {
}
