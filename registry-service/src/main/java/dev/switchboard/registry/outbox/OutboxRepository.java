package dev.switchboard.registry.outbox;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

@ApplicationScoped
public class OutboxRepository implements PanacheRepository<OutboxEventEntity> {

    /**
     * The oldest pending rows, locked for this relay run. {@code SKIP LOCKED} lets several replicas relay at once
     * without publishing a row twice.
     */
    @SuppressWarnings("unchecked")
    public List<OutboxEventEntity> lockPending(int limit) {
        return getEntityManager().createNativeQuery("""
                        SELECT * FROM outbox_event
                        WHERE status = 'pending'
                        ORDER BY id
                        LIMIT ?1
                        FOR UPDATE SKIP LOCKED
                        """, OutboxEventEntity.class)
                .setParameter(1, limit)
                .getResultList();
    }

    public long countPending() {
        return count("status", OutboxEventEntity.PENDING);
    }

    public long purgeSentBefore(Instant cutoff) {
        return delete("status = ?1 and sentAt < ?2", OutboxEventEntity.SENT, cutoff);
    }
}
