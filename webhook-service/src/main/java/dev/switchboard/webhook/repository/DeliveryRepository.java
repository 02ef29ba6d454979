package dev.switchboard.webhook.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;
import java.util.UUID;
import org.hibernate.Session;

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

    /** A delivery claimed for sending, with what sending it needs. */
    public record Claimed(UUID id, String eventId, String payloadJson, int attempts, UUID subscriptionId, String url,
                          String secretSealed) {
    }

    /**
     * Claims up to {@code limit} due deliveries of enabled subscriptions, at most {@code perSubscription} of each and
     * none of the {@code busy} ones: pending deliveries, and ones whose sender's lease ran out. Rows another worker
     * holds are skipped, not waited for, so that replicas share the work without sending twice.
     */
    @SuppressWarnings("unchecked")
    public List<Claimed> claimDue(Instant now, Instant leaseUntil, int limit, int perSubscription, Collection<UUID> busy) {
        String busyArray = busy.stream().map(UUID::toString).collect(Collectors.joining(",", "{", "}"));
        List<Object[]> rows = entityManager.createNativeQuery("""
                        WITH ranked AS (
                            SELECT d.id, row_number() OVER (PARTITION BY d.subscription_id ORDER BY d.next_attempt_at) AS n
                            FROM webhook_delivery d JOIN webhook_subscription s ON s.id = d.subscription_id
                            WHERE d.status IN ('pending', 'sending') AND d.next_attempt_at <= ?1 AND s.enabled
                              AND NOT (CAST(d.subscription_id AS text) = ANY (CAST(?5 AS text[])))),
                        due AS (
                            SELECT d.id FROM webhook_delivery d JOIN ranked r ON r.id = d.id
                            WHERE r.n <= ?4
                            ORDER BY d.next_attempt_at LIMIT ?2
                            FOR UPDATE OF d SKIP LOCKED)
                        UPDATE webhook_delivery d SET status = 'sending', next_attempt_at = ?3
                        FROM due, webhook_subscription s
                        WHERE d.id = due.id AND s.id = d.subscription_id
                        RETURNING d.id, d.event_id, CAST(d.payload AS text), d.attempts, s.id, s.url, s.secret_sealed
                        """)
                .setParameter(1, now)
                .setParameter(2, limit)
                .setParameter(3, leaseUntil)
                .setParameter(4, perSubscription)
                .setParameter(5, busyArray)
                .getResultList();
        return rows.stream().map(row -> new Claimed((UUID) row[0], (String) row[1], (String) row[2],
                ((Number) row[3]).intValue(), (UUID) row[4], (String) row[5], (String) row[6])).toList();
    }

    /** How many deliveries wait to be sent, and since when the oldest of them has been due. */
    public record Queue(long depth, Instant oldestDue) {
    }

    public Queue queue(Instant now) {
        Object[] row = (Object[]) entityManager.createNativeQuery("""
                        SELECT count(*), min(next_attempt_at) FROM webhook_delivery
                        WHERE status IN ('pending', 'sending') AND next_attempt_at <= ?1
                        """)
                .setParameter(1, now)
                .getSingleResult();
        Object oldest = row[1];
        Instant oldestDue = oldest instanceof Instant instant ? instant
                : oldest instanceof OffsetDateTime offset ? offset.toInstant()
                : oldest instanceof Timestamp timestamp ? timestamp.toInstant() : null;
        return new Queue(((Number) row[0]).longValue(), oldestDue);
    }

    /** Written with JDBC, whose typed nulls PostgreSQL accepts for a missing status or error. */
    public void recordAttempt(UUID deliveryId, Instant at, Integer status, long latencyMs, String excerpt, String error) {
        entityManager.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO webhook_delivery_attempt (id, delivery_id, attempted_at, status_code, latency_ms,
                                                          response_excerpt, error)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """)) {
                insert.setObject(1, UUID.randomUUID());
                insert.setObject(2, deliveryId);
                insert.setObject(3, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
                insert.setObject(4, status, Types.INTEGER);
                insert.setLong(5, latencyMs);
                insert.setString(6, excerpt);
                insert.setString(7, error);
                insert.executeUpdate();
            }
        });
    }

    /** The delivery's state after an attempt: when it is tried next (pending), or when it ended. */
    public void settle(UUID id, String status, int attempts, Instant nextAttemptAt, Integer lastStatus, String lastError,
                       Instant deliveredAt) {
        entityManager.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement update = connection.prepareStatement("""
                    UPDATE webhook_delivery SET status = ?, attempts = ?, next_attempt_at = ?, last_status = ?,
                           last_error = ?, delivered_at = ?
                    WHERE id = ?
                    """)) {
                update.setString(1, status);
                update.setInt(2, attempts);
                update.setObject(3, OffsetDateTime.ofInstant(nextAttemptAt, ZoneOffset.UTC));
                update.setObject(4, lastStatus, Types.INTEGER);
                update.setString(5, lastError);
                update.setObject(6, deliveredAt == null ? null : OffsetDateTime.ofInstant(deliveredAt, ZoneOffset.UTC),
                        Types.TIMESTAMP_WITH_TIMEZONE);
                update.setObject(7, id);
                update.executeUpdate();
            }
        });
    }

    public long countFor(UUID subscriptionId) {
        return ((Number) entityManager.createNativeQuery("SELECT count(*) FROM webhook_delivery WHERE subscription_id = ?1")
                .setParameter(1, subscriptionId)
                .getSingleResult()).longValue();
    }
}
