package dev.switchboard.webhook.service;

import dev.switchboard.model.event.EventType;
import dev.switchboard.model.event.WebhookDeliveryFailed;
import dev.switchboard.model.event.WebhookDisabled;
import dev.switchboard.model.event.WebhookSnapshot;
import dev.switchboard.outbox.OutboxWriter;
import dev.switchboard.platform.security.Caller;
import dev.switchboard.webhook.repository.SubscriptionEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.util.List;

/**
 * The webhook service's own events, written to the outbox in the transaction of the change they describe, so that a
 * change is never made without its event nor announced without being made. A change to an existing subscription is
 * also told to this replica's worker, once committed, as a {@link SubscriptionChanged}.
 */
@ApplicationScoped
public class WebhookEvents {

    static final String SOURCE = "/webhook-service";

    private final OutboxWriter outbox;
    private final Event<SubscriptionChanged> changes;

    public WebhookEvents(OutboxWriter outbox, Event<SubscriptionChanged> changes) {
        this.outbox = outbox;
        this.changes = changes;
    }

    /** {@code webhook.created}, {@code webhook.updated} or {@code webhook.deleted}, by {@code actor}. */
    public void changed(EventType type, SubscriptionEntity subscription, Caller actor) {
        record(type, subscription, actor, new WebhookSnapshot(subscription.id, subscription.tenantId, subscription.url,
                List.of(subscription.eventTypes), subscription.description, subscription.enabled));
        if (type != EventType.WEBHOOK_CREATED) {
            changes.fire(new SubscriptionChanged(subscription.id));
        }
    }

    /** The service itself stopped sending to {@code subscription}; {@code reason} is one of {@link WebhookDisabled}'s. */
    public void disabled(SubscriptionEntity subscription, String reason) {
        record(EventType.WEBHOOK_DISABLED, subscription, null, new WebhookDisabled(subscription.id,
                subscription.tenantId, subscription.url, reason, subscription.failingSince));
        changes.fire(new SubscriptionChanged(subscription.id));
    }

    public void deliveryFailed(SubscriptionEntity subscription, WebhookDeliveryFailed failure) {
        record(EventType.WEBHOOK_DELIVERY_FAILED, subscription, null, failure);
    }

    private void record(EventType type, SubscriptionEntity subscription, Caller actor, Object data) {
        outbox.record(SOURCE, type, subscription.id.toString(), subscription.tenantId, actor, data);
    }
}
