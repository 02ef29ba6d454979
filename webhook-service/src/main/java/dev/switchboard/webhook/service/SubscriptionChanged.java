package dev.switchboard.webhook.service;

import java.util.UUID;

/** A subscription's destination, secret, events or existence changed; fired within the change's transaction. */
public record SubscriptionChanged(UUID subscriptionId) {
}
