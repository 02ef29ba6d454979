package dev.switchboard.webhook.service;

import dev.switchboard.model.event.EventEnvelope;
import dev.switchboard.webhook.repository.DeliveryRepository;
import dev.switchboard.webhook.repository.SubscriptionEntity;
import dev.switchboard.webhook.repository.SubscriptionRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns arriving events into one pending delivery per matching subscription of their tenant, in the same
 * transaction, so that an acknowledged event is never without its deliveries. A batch of events costs one transaction,
 * one subscription query per tenant in it and one JDBC batch of inserts, not one of each per event: the invocation
 * service's events arrive by the thousand per second, and most of them match no subscription.
 */
@ApplicationScoped
public class DeliveryPlanner {

    /** An event as it arrived, and its envelope's JSON, stored as the delivery's payload. */
    public record Arrived(EventEnvelope event, String envelopeJson) {
    }

    private final SubscriptionRepository subscriptions;
    private final DeliveryRepository deliveries;

    public DeliveryPlanner(SubscriptionRepository subscriptions, DeliveryRepository deliveries) {
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
    }

    /** @return how many new deliveries were recorded */
    @Transactional
    public int plan(List<Arrived> batch) {
        Map<Optional<String>, List<SubscriptionEntity>> byTenant = new HashMap<>();
        List<DeliveryRepository.Pending> pending = new ArrayList<>();
        for (Arrived arrived : batch) {
            EventEnvelope event = arrived.event();
            List<SubscriptionEntity> candidates = byTenant.computeIfAbsent(Optional.ofNullable(event.tenantid()),
                    tenant -> subscriptions.enabledFor(tenant.orElse(null)));
            for (SubscriptionEntity subscription : candidates) {
                if (EventTypePatterns.matches(subscription.eventTypes, event.type())) {
                    pending.add(new DeliveryRepository.Pending(subscription.id, event.id(), event.type(),
                            arrived.envelopeJson()));
                }
            }
        }
        return deliveries.insertPendingIfAbsent(pending, Instant.now());
    }
}
