package dev.switchboard.model.event;

import java.time.Instant;
import java.util.UUID;

/**
 * The {@code data} of {@code webhook.disabled}: the service stopped sending to a subscription on its own, because the
 * receiver answered 410 Gone ({@link #GONE}) or because no attempt succeeded for too long ({@link #FAILING}).
 */
public record WebhookDisabled(UUID id, String tenantId, String url, String reason, Instant failingSince) {

    public static final String GONE = "gone";
    public static final String FAILING = "failing";
}
