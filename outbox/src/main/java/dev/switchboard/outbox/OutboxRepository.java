package dev.switchboard.outbox;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class OutboxRepository implements PanacheRepository<OutboxEventEntity> {

    /** Any number that no other part of Switchboard uses as a PostgreSQL advisory lock. */
    private static final long RELAY_LOCK = 0x5357_4F55_5442_4F58L;

    /**
     * Whether this transaction may relay: one relay at a time across every registry replica, so that the events of
     * one subject are published in the order they were written. Released when the transaction ends.
     */
    public boolean takeRelayTurn() {
        return (Boolean) getEntityManager().createNativeQuery("SELECT pg_try_advisory_xact_lock(?1)")
                .setParameter(1, RELAY_LOCK).getSingleResult();
    }

    /**
     * The oldest pending rows that are due, locked for this relay run. A row whose subject has an earlier pending row
     * that is not yet due waits behind it, so that a retry never lets a later event of the same resource overtake it;
     * rows of other subjects do not wait.
     */
    @SuppressWarnings("unchecked")
    public List<OutboxEventEntity> lockDue(int limit) {
        return getEntityManager().createNativeQuery("""
                        SELECT * FROM outbox_event o
                        WHERE o.status = 'pending' AND o.next_attempt_at <= now()
                          AND NOT EXISTS (SELECT 1 FROM outbox_event earlier
                                          WHERE earlier.status = 'pending' AND earlier.id < o.id
                                            AND earlier.subject IS NOT DISTINCT FROM o.subject
                                            AND earlier.next_attempt_at > now())
                        ORDER BY o.id
                        LIMIT ?1
                        FOR UPDATE SKIP LOCKED
                        """, OutboxEventEntity.class)
                .setParameter(1, limit)
                .getResultList();
    }

    public long countPending() {
        return count("status", OutboxEventEntity.PENDING);
    }

    public long countDead() {
        return count("status", OutboxEventEntity.DEAD);
    }

    public Optional<Instant> oldestPending() {
        return find("status = ?1 order by id", OutboxEventEntity.PENDING).firstResultOptional().map(row -> row.createdAt);
    }

    public long purgeSentBefore(Instant cutoff) {
        return delete("status = ?1 and sentAt < ?2", OutboxEventEntity.SENT, cutoff);
    }
}
