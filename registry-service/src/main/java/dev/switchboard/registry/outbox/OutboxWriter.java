package dev.switchboard.registry.outbox;

import dev.switchboard.model.event.EventEnvelope;
import dev.switchboard.model.event.EventType;
import dev.switchboard.platform.events.EventCodec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;

/** Records an event in the caller's transaction; it is published only if, and after, that transaction commits. */
@ApplicationScoped
public class OutboxWriter {

    private final OutboxRepository repository;
    private final EventCodec codec;

    public OutboxWriter(OutboxRepository repository, EventCodec codec) {
        this.repository = repository;
        this.codec = codec;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void append(EventEnvelope event) {
        OutboxEventEntity row = new OutboxEventEntity();
        row.eventId = event.id();
        row.topic = event.knownType().map(EventType::topic)
                .orElseThrow(() -> new IllegalArgumentException("No topic for " + event.type()));
        row.subject = event.subject();
        row.payload = codec.write(event);
        row.status = OutboxEventEntity.PENDING;
        row.nextAttemptAt = Instant.now();
        row.createdAt = row.nextAttemptAt;
        repository.persist(row);
    }
}
