package dev.switchboard.webhook.api;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** The answer to a creation: the subscription and, this once, the secret that signs its deliveries. */
public record CreatedWebhook(@JsonUnwrapped WebhookView webhook, String secret) {
}
