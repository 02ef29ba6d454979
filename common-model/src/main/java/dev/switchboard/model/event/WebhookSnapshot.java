package dev.switchboard.model.event;

import java.util.List;
import java.util.UUID;

/**
 * The {@code data} of {@code webhook.created}, {@code webhook.updated} and {@code webhook.deleted}: the subscription as
 * it stands after the change (before it, for a delete). The signing secret is never part of it.
 */
public record WebhookSnapshot(UUID id, String tenantId, String url, List<String> events, String description,
                              boolean enabled) {
}
