package dev.switchboard.webhook.service;

import dev.switchboard.model.event.EventEnvelope;
import dev.switchboard.webhook.repository.DeliveryRepository;
import dev.switchboard.webhook.repository.SubscriptionEntity;
import dev.switchboard.webhook.repository.SubscriptionRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;

/**
 * Turns an arriving event into one pending delivery per matching subscription of its tenant, in the same
 * transaction, so that an acknowledged event is never without its deliveries.
 */
@ApplicationScoped
public class DeliveryPlanner {

    private final SubscriptionRepository subscriptions;
    private final DeliveryRepository deliveries;

    public DeliveryPlanner(SubscriptionRepository subscriptions, DeliveryRepository deliveries) {
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
    }

    /** @return how many new deliveries were recorded */
    @Transactional
    public int plan(EventEnvelope event, String envelopeJson) {
        int planned = 0;
        Instant now = Instant.now();
        for (SubscriptionEntity subscription : subscriptions.enabledFor(event.tenantid())) {
            if (EventTypePatterns.matches(subscription.eventTypes, event.type())
                    && deliveries.insertPendingIfAbsent(subscription.id, event.id(), event.type(), envelopeJson, now)) {
                planned++;
            }
        }
        return planned;
    }
}
