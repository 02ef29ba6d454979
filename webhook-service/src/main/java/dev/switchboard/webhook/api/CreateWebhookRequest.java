package dev.switchboard.webhook.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * @param events   event type names or patterns ({@code server.*}, {@code *})
 * @param tenantId admins only: the tenant to subscribe for; omitted, the subscription receives every tenant's events
 */
public record CreateWebhookRequest(
        @NotBlank @Size(max = 2048) String url,
        @NotEmpty @Size(max = 50) List<@NotBlank @Size(max = 100) String> events,
        @Size(max = 500) String description,
        @Size(max = 64) String tenantId) {
}
