package dev.switchboard.webhook.repository;

import dev.switchboard.webhook.api.DeliveryView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hibernate.Session;

@ApplicationScoped
public class DeliveryRepository {

    private final EntityManager entityManager;

    public DeliveryRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** A delivery to record as pending, unless its subscription has one for that event already. */
    public record Pending(UUID subscriptionId, String eventId, String eventType, String payloadJson) {
    }

    /**
     * Records pending deliveries in one statement, skipping those whose subscription already has one for their event,
     * which makes a redelivered event harmless. One statement over arrays rather than a JDBC batch: PostgreSQL runs a
     * batch as one execution per row, and planning a consumed batch was the largest share of its work per delivery.
     *
     * @return how many rows were written
     */
    public int insertPendingIfAbsent(List<Pending> pending, Instant now) {
        if (pending.isEmpty()) {
            return 0;
        }
        return entityManager.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO webhook_delivery (id, subscription_id, event_id, event_type, payload, status, attempts,
                                                  next_attempt_at, created_at)
                    SELECT p.id, p.subscription_id, p.event_id, p.event_type, CAST(p.payload AS jsonb), 'pending', 0, ?, ?
                    FROM unnest(?, ?, ?, ?, ?) AS p(id, subscription_id, event_id, event_type, payload)
                    ON CONFLICT (subscription_id, event_id) DO NOTHING
                    """)) {
                OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
                insert.setObject(1, at);
                insert.setObject(2, at);
                insert.setArray(3, array(connection, "uuid", pending, ignored -> UUID.randomUUID()));
                insert.setArray(4, array(connection, "uuid", pending, Pending::subscriptionId));
                insert.setArray(5, array(connection, "text", pending, Pending::eventId));
                insert.setArray(6, array(connection, "text", pending, Pending::eventType));
                insert.setArray(7, array(connection, "text", pending, Pending::payloadJson));
                return insert.executeUpdate();
            }
        });
    }

    /** A delivery claimed for sending, with what sending it needs. */
    /** @param subscriptionFailing whether the subscription's attempts have all failed lately, as of the claim */
    public record Claimed(UUID id, String eventId, String payloadJson, int attempts, UUID subscriptionId, String url,
                          String secretSealed, String previousSecretSealed, boolean subscriptionFailing) {
    }

    /**
     * Claims up to {@code limit} due deliveries of enabled subscriptions, at most {@code perSubscription} of each
     * counting those this worker already {@code holds}: pending deliveries, and ones whose sender's lease ran out.
     * Rows another worker holds are skipped, not waited for, so that replicas share the work without sending twice.
     */
    @SuppressWarnings("unchecked")
    public List<Claimed> claimDue(Instant now, Instant leaseUntil, int limit, int perSubscription,
                                  Map<UUID, Integer> holds) {
        List<Map.Entry<UUID, Integer>> sending = List.copyOf(holds.entrySet());
        String sendingIds = sending.stream().map(entry -> entry.getKey().toString()).collect(Collectors.joining(",", "{", "}"));
        String sendingCounts = sending.stream().map(entry -> entry.getValue().toString())
                .collect(Collectors.joining(",", "{", "}"));
        List<Object[]> rows = entityManager.createNativeQuery("""
                        WITH sending AS (
                            SELECT * FROM unnest(CAST(?5 AS uuid[]), CAST(?6 AS int[])) AS b(subscription_id, n)),
                        room AS (
                            SELECT s.id AS subscription_id, ?4 - COALESCE(b.n, 0) AS free
                            FROM webhook_subscription s LEFT JOIN sending b ON b.subscription_id = s.id
                            WHERE s.enabled AND ?4 - COALESCE(b.n, 0) > 0),
                        due AS (
                            SELECT first.id FROM room
                            CROSS JOIN LATERAL (
                                SELECT d.id, d.next_attempt_at FROM webhook_delivery d
                                WHERE d.subscription_id = room.subscription_id AND d.status IN ('pending', 'sending')
                                  AND d.next_attempt_at <= ?1
                                ORDER BY d.next_attempt_at LIMIT room.free
                                FOR UPDATE SKIP LOCKED) first
                            ORDER BY first.next_attempt_at LIMIT ?2),
                        claimed AS (
                            UPDATE webhook_delivery d SET status = 'sending', next_attempt_at = ?3
                            FROM due, webhook_subscription s
                            WHERE d.id = due.id AND s.id = d.subscription_id
                            RETURNING d.id, d.event_id, CAST(d.payload AS text) AS payload, d.attempts,
                                      s.id AS subscription_id, s.url, s.secret_sealed,
                                      CASE WHEN s.previous_secret_until > ?1 THEN s.previous_secret_sealed END AS previous,
                                      s.failing_since IS NOT NULL AS failing, d.created_at)
                        SELECT id, event_id, payload, attempts, subscription_id, url, secret_sealed, previous, failing
                        FROM claimed ORDER BY created_at, id
                        """)
                .setParameter(1, now)
                .setParameter(2, limit)
                .setParameter(3, leaseUntil)
                .setParameter(4, perSubscription)
                .setParameter(5, sendingIds)
                .setParameter(6, sendingCounts)
                .getResultList();
        return rows.stream().map(row -> new Claimed((UUID) row[0], (String) row[1], (String) row[2],
                ((Number) row[3]).intValue(), (UUID) row[4], (String) row[5], (String) row[6], (String) row[7],
                (Boolean) row[8])).toList();
    }

    /** A claimed delivery's lease, as the claim wrote it, to give back only a lease that is still this worker's. */
    public record Lease(UUID deliveryId, Instant until) {
    }

    /**
     * Makes claimed deliveries due again now, each only if it is still under the lease given: one that ran out and
     * was claimed by another worker stays with that worker.
     *
     * @return how many were given back
     */
    public int giveBack(List<Lease> leases, Instant now) {
        if (leases.isEmpty()) {
            return 0;
        }
        return entityManager.createNativeQuery("""
                        UPDATE webhook_delivery d SET status = 'pending', next_attempt_at = ?1
                        FROM unnest(CAST(?2 AS uuid[]), CAST(?3 AS timestamptz[])) AS given(id, lease)
                        WHERE d.id = given.id AND d.status = 'sending' AND d.next_attempt_at = given.lease
                        """)
                .setParameter(1, now)
                .setParameter(2, leases.stream().map(lease -> lease.deliveryId().toString())
                        .collect(Collectors.joining(",", "{", "}")))
                .setParameter(3, leases.stream().map(lease -> lease.until().toString())
                        .collect(Collectors.joining(",", "{", "}")))
                .executeUpdate();
    }

    /**
     * Locks every delivery of a subscription in the order of their ids (PostgreSQL's uuid order is that of their text),
     * the order in which recording takes them, so that deleting a busy subscription waits for recording rather than
     * deadlocking with it.
     */
    public void lockAllOf(UUID subscriptionId) {
        entityManager.createNativeQuery("""
                        SELECT count(*) FROM (SELECT id FROM webhook_delivery WHERE subscription_id = ?1
                                              ORDER BY id FOR UPDATE) locked
                        """)
                .setParameter(1, subscriptionId)
                .getSingleResult();
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
        return new Queue(((Number) row[0]).longValue(), instant(row[1]));
    }

    /** One attempt at a delivery, as its history shows it. */
    public record AttemptRow(UUID deliveryId, Instant at, Integer status, long latencyMs, String excerpt, String error) {
    }

    /** A delivery's state after an attempt: when it is tried next (pending), or when it ended. */
    public record Settlement(UUID deliveryId, String status, int attempts, Instant nextAttemptAt, Integer lastStatus,
                             String lastError, Instant deliveredAt) {
    }

    /**
     * Records attempts and settles their deliveries, one statement over arrays for each kind (see
     * {@link #insertPendingIfAbsent}). Times travel as ISO-8601 text, which PostgreSQL reads as timestamptz, and a
     * missing status, error or delivery time as a null element. A delivery settled twice in one call ends as the last
     * settlement says.
     */
    public void record(List<AttemptRow> attempts, List<Settlement> settlements) {
        Collection<Settlement> lastOfEach = settlements.stream().collect(Collectors.toMap(Settlement::deliveryId,
                settled -> settled, (earlier, later) -> later, LinkedHashMap::new)).values();
        entityManager.unwrap(Session.class).doWork(connection -> {
            if (!attempts.isEmpty()) {
                try (PreparedStatement insert = connection.prepareStatement("""
                        INSERT INTO webhook_delivery_attempt (id, delivery_id, attempted_at, status_code, latency_ms,
                                                              response_excerpt, error)
                        SELECT a.id, a.delivery_id, CAST(a.attempted_at AS timestamptz), a.status_code, a.latency_ms,
                               a.response_excerpt, a.error
                        FROM unnest(?, ?, ?, ?, ?, ?, ?)
                             AS a(id, delivery_id, attempted_at, status_code, latency_ms, response_excerpt, error)
                        """)) {
                    insert.setArray(1, array(connection, "uuid", attempts, ignored -> UUID.randomUUID()));
                    insert.setArray(2, array(connection, "uuid", attempts, AttemptRow::deliveryId));
                    insert.setArray(3, array(connection, "text", attempts, attempt -> attempt.at().toString()));
                    insert.setArray(4, array(connection, "int4", attempts, AttemptRow::status));
                    insert.setArray(5, array(connection, "int8", attempts, AttemptRow::latencyMs));
                    insert.setArray(6, array(connection, "text", attempts, AttemptRow::excerpt));
                    insert.setArray(7, array(connection, "text", attempts, AttemptRow::error));
                    insert.executeUpdate();
                }
            }
            if (!lastOfEach.isEmpty()) {
                try (PreparedStatement update = connection.prepareStatement("""
                        UPDATE webhook_delivery d SET status = s.status, attempts = s.attempts,
                               next_attempt_at = CAST(s.next_attempt_at AS timestamptz), last_status = s.last_status,
                               last_error = s.last_error, delivered_at = CAST(s.delivered_at AS timestamptz)
                        FROM unnest(?, ?, ?, ?, ?, ?, ?)
                             AS s(id, status, attempts, next_attempt_at, last_status, last_error, delivered_at)
                        WHERE d.id = s.id
                        """)) {
                    update.setArray(1, array(connection, "uuid", lastOfEach, Settlement::deliveryId));
                    update.setArray(2, array(connection, "text", lastOfEach, Settlement::status));
                    update.setArray(3, array(connection, "int4", lastOfEach, Settlement::attempts));
                    update.setArray(4, array(connection, "text", lastOfEach, settled -> settled.nextAttemptAt().toString()));
                    update.setArray(5, array(connection, "int4", lastOfEach, Settlement::lastStatus));
                    update.setArray(6, array(connection, "text", lastOfEach, Settlement::lastError));
                    update.setArray(7, array(connection, "text", lastOfEach,
                            settled -> settled.deliveredAt() == null ? null : settled.deliveredAt().toString()));
                    update.executeUpdate();
                }
            }
        });
    }

    /** One column of a statement over arrays: {@code column} of each row, as a PostgreSQL array of {@code type}. */
    private static <T> Array array(Connection connection, String type, Collection<T> rows, Function<T, ?> column)
            throws SQLException {
        return connection.createArrayOf(type, rows.stream().map(column).toArray());
    }

    /** A subscription's deliveries in numbers, and when one last reached its receiver. */
    public record Summary(long total, long succeeded, long failed, Instant lastDeliveryAt) {
        public static final Summary NONE = new Summary(0, 0, 0, null);
    }

    @SuppressWarnings("unchecked")
    public Map<UUID, Summary> summaries(Collection<UUID> subscriptionIds) {
        if (subscriptionIds.isEmpty()) {
            return Map.of();
        }
        List<Object[]> rows = entityManager.createNativeQuery("""
                        SELECT subscription_id, count(*), count(*) FILTER (WHERE status = 'delivered'),
                               count(*) FILTER (WHERE status = 'failed'), max(delivered_at)
                        FROM webhook_delivery WHERE subscription_id IN (:ids) GROUP BY subscription_id
                        """)
                .setParameter("ids", subscriptionIds)
                .getResultList();
        Map<UUID, Summary> summaries = new HashMap<>();
        rows.forEach(row -> summaries.put((UUID) row[0], new Summary(((Number) row[1]).longValue(),
                ((Number) row[2]).longValue(), ((Number) row[3]).longValue(), instant(row[4]))));
        return summaries;
    }

    /** Which of a subscription's deliveries to list; every filter is optional. */
    public record Filter(String status, String eventType, Instant since, Instant until) {
    }

    public record Page(List<DeliveryView> items, long total) {
    }

    @SuppressWarnings("unchecked")
    public Page page(UUID subscriptionId, Filter filter, int limit, int offset) {
        StringBuilder where = new StringBuilder(" FROM webhook_delivery WHERE subscription_id = :subscription");
        Map<String, Object> parameters = new HashMap<>(Map.of("subscription", subscriptionId));
        if (filter.status() != null) {
            where.append(" AND status = :status");
            parameters.put("status", filter.status());
        }
        if (filter.eventType() != null) {
            where.append(" AND event_type = :eventType");
            parameters.put("eventType", filter.eventType());
        }
        if (filter.since() != null) {
            where.append(" AND created_at >= :since");
            parameters.put("since", filter.since());
        }
        if (filter.until() != null) {
            where.append(" AND created_at < :until");
            parameters.put("until", filter.until());
        }
        var count = entityManager.createNativeQuery("SELECT count(*)" + where);
        var select = entityManager.createNativeQuery("SELECT " + COLUMNS + where + " ORDER BY created_at DESC, id LIMIT "
                + limit + " OFFSET " + offset);
        parameters.forEach((name, value) -> {
            count.setParameter(name, value);
            select.setParameter(name, value);
        });
        List<DeliveryView> items = ((List<Object[]>) select.getResultList()).stream().map(row -> view(row, null)).toList();
        return new Page(items, ((Number) count.getSingleResult()).longValue());
    }

    @SuppressWarnings("unchecked")
    public Optional<DeliveryView> find(UUID subscriptionId, UUID deliveryId) {
        List<Object[]> rows = entityManager.createNativeQuery("SELECT " + COLUMNS
                        + " FROM webhook_delivery WHERE subscription_id = ?1 AND id = ?2")
                .setParameter(1, subscriptionId).setParameter(2, deliveryId).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        List<Object[]> attempts = entityManager.createNativeQuery("""
                        SELECT attempted_at, status_code, latency_ms, response_excerpt, error FROM webhook_delivery_attempt
                        WHERE delivery_id = ?1 ORDER BY attempted_at
                        """)
                .setParameter(1, deliveryId).getResultList();
        return Optional.of(view(rows.get(0), attempts.stream().map(row -> new DeliveryView.Attempt(instant(row[0]),
                row[1] == null ? null : ((Number) row[1]).intValue(), ((Number) row[2]).longValue(), (String) row[3],
                (String) row[4])).toList()));
    }

    /** Sends deliveries again from the start of the schedule: one, or every failed one created since a time. */
    public int resend(UUID subscriptionId, Optional<UUID> deliveryId, Instant failedSince, Instant now) {
        String which = deliveryId.isPresent() ? " AND id = :delivery" : " AND status = 'failed' AND created_at >= :since";
        var update = entityManager.createNativeQuery("UPDATE webhook_delivery SET status = 'pending', attempts = 0,"
                        + " next_attempt_at = :now, last_error = NULL WHERE subscription_id = :subscription" + which)
                .setParameter("now", now).setParameter("subscription", subscriptionId);
        if (deliveryId.isPresent()) {
            update.setParameter("delivery", deliveryId.get());
        } else {
            update.setParameter("since", failedSince);
        }
        return update.executeUpdate();
    }

    private static final String COLUMNS = "id, event_id, event_type, status, attempts, next_attempt_at, last_status,"
            + " last_error, created_at, delivered_at";

    private static DeliveryView view(Object[] row, List<DeliveryView.Attempt> attempts) {
        String status = (String) row[3];
        return new DeliveryView((UUID) row[0], (String) row[1], (String) row[2], status, ((Number) row[4]).intValue(),
                status.equals("pending") ? instant(row[5]) : null, row[6] == null ? null : ((Number) row[6]).intValue(),
                (String) row[7], instant(row[8]), instant(row[9]), attempts);
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        return null;
    }

    public long countFor(UUID subscriptionId) {
        return ((Number) entityManager.createNativeQuery("SELECT count(*) FROM webhook_delivery WHERE subscription_id = ?1")
                .setParameter(1, subscriptionId)
                .getSingleResult()).longValue();
    }
}
