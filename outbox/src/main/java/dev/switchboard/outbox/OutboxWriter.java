package dev.switchboard.outbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.model.event.EventEnvelope;
import dev.switchboard.model.event.EventType;
import dev.switchboard.platform.events.EventCodec;
import dev.switchboard.platform.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.time.Instant;

/**
 * Records an event in the caller's transaction; it is published only if, and right after, that transaction commits.
 */
@ApplicationScoped
public class OutboxWriter {

    private final OutboxRepository repository;
    private final EventCodec codec;
    private final OutboxRelay relay;
    private final TransactionSynchronizationRegistry transactions;
    private final ObjectMapper json;

    public OutboxWriter(OutboxRepository repository, EventCodec codec, OutboxRelay relay,
                        TransactionSynchronizationRegistry transactions, ObjectMapper json) {
        this.json = json;
        this.repository = repository;
        this.codec = codec;
        this.relay = relay;
        this.transactions = transactions;
    }

    /**
     * Records an event of {@code source} about {@code subject}, with the tenant and the acting key in its envelope.
     *
     * @param actor who made the change; null when the service made it on its own
     * @param data what the event says about the subject; never a secret
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(String source, EventType type, String subject, String tenantId, Caller actor, Object data) {
        append(EventEnvelope.of(source, type, subject, tenantId, actor == null ? null : actor.keyId(),
                json.valueToTree(data)));
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
        transactions.registerInterposedSynchronization(new RelayAfterCommit(relay));
    }

    /** Publishes the transaction's events as soon as it has committed, rather than at the next poll. */
    private record RelayAfterCommit(OutboxRelay relay) implements Synchronization {

        @Override
        public void beforeCompletion() {
            // Nothing is published before the change is safe.
        }

        @Override
        public void afterCompletion(int status) {
            if (status == Status.STATUS_COMMITTED) {
                relay.relaySoon();
            }
        }
    }
}
