package dev.switchboard.webhook.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.UUID;

@ApplicationScoped
public class DeliveryRepository {

    private final EntityManager entityManager;

    public DeliveryRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /**
     * Records a pending delivery unless this subscription already has one for this event, which makes a redelivered
     * event harmless.
     *
     * @return whether a row was written
     */
    public boolean insertPendingIfAbsent(UUID subscriptionId, String eventId, String eventType, String payloadJson,
                                         Instant now) {
        return entityManager.createNativeQuery("""
                        INSERT INTO webhook_delivery (id, subscription_id, event_id, event_type, payload, status,
                                                      attempts, next_attempt_at, created_at)
                        VALUES (?1, ?2, ?3, ?4, CAST(?5 AS jsonb), 'pending', 0, ?6, ?6)
                        ON CONFLICT (subscription_id, event_id) DO NOTHING
                        """)
                .setParameter(1, UUID.randomUUID())
                .setParameter(2, subscriptionId)
                .setParameter(3, eventId)
                .setParameter(4, eventType)
                .setParameter(5, payloadJson)
                .setParameter(6, now)
                .executeUpdate() == 1;
    }

    public long countFor(UUID subscriptionId, String status) {
        return ((Number) entityManager.createNativeQuery(
                        "SELECT count(*) FROM webhook_delivery WHERE subscription_id = ?1 AND status = ?2")
                .setParameter(1, subscriptionId)
                .setParameter(2, status)
                .getSingleResult()).longValue();
    }
}
