package dev.switchboard.registry.outbox;

import dev.switchboard.model.event.EventEnvelope;
import dev.switchboard.platform.events.KafkaSender;
import dev.switchboard.registry.config.RegistryConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jboss.logging.Logger;

/**
 * Publishes the outbox in id order, so that the events of one subject reach Kafka in the order they were written.
 * A row whose send fails is retried with backoff, and the rows after it with the same subject wait for it, so that
 * a retry never overtakes a later event of the same resource.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final long SEND_TIMEOUT_SECONDS = 35;

    private final OutboxRepository repository;
    private final KafkaSender sender;
    private final RegistryConfig.Outbox config;

    public OutboxRelay(OutboxRepository repository, KafkaSender sender, RegistryConfig config) {
        this.repository = repository;
        this.sender = sender;
        this.config = config.outbox();
    }

    /** Not while the application starts or stops, when the database may already be gone: the next run catches up. */
    @Scheduled(every = "${switchboard.registry.outbox.poll-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void relay() {
        while (QuarkusTransaction.requiringNew().timeout(120).call(this::relayBatch) == config.batchSize()) {
            // A full batch sent means more may be waiting.
        }
    }

    /** @return how many rows were sent */
    int relayBatch() {
        List<OutboxEventEntity> rows = repository.lockPending(config.batchSize());
        Instant now = Instant.now();
        Set<String> blockedSubjects = new HashSet<>();
        List<OutboxEventEntity> sending = new ArrayList<>();
        List<CompletableFuture<?>> acks = new ArrayList<>();
        for (OutboxEventEntity row : rows) {
            if (blockedSubjects.contains(row.subject) || row.nextAttemptAt.isAfter(now)) {
                blockedSubjects.add(row.subject);
                continue;
            }
            ProducerRecord<String, String> record = new ProducerRecord<>(row.topic, row.subject, row.payload);
            record.headers().add("content-type", EventEnvelope.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
            sending.add(row);
            acks.add(sender.send(record).toCompletableFuture());
        }
        for (int i = 0; i < sending.size(); i++) {
            OutboxEventEntity row = sending.get(i);
            if (blockedSubjects.contains(row.subject)) {
                // An earlier row of this subject failed; this one was sent anyway only if it was already in flight.
                // Leave it pending: consumers are idempotent on the event id, so a second copy is harmless.
                continue;
            }
            try {
                acks.get(i).get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                row.status = OutboxEventEntity.SENT;
                row.sentAt = Instant.now();
            } catch (Exception e) {
                blockedSubjects.add(row.subject);
                row.attempts++;
                row.lastError = String.valueOf(e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
                row.nextAttemptAt = Instant.now().plus(backoff(row.attempts));
                LOG.debugf("Outbox event %s not sent (attempt %d): %s", row.eventId, row.attempts, row.lastError);
            }
        }
        return (int) sending.stream().filter(row -> OutboxEventEntity.SENT.equals(row.status)).count();
    }

    Duration backoff(int attempts) {
        Duration delay = config.initialBackoff().multipliedBy(1L << Math.min(attempts - 1, 16));
        return delay.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : delay;
    }

    /** Sent rows are kept a day for inspection, then removed. */
    @Scheduled(every = "1h", delayed = "5m")
    void purgeSent() {
        QuarkusTransaction.requiringNew().run(() -> repository.purgeSentBefore(Instant.now().minus(Duration.ofDays(1))));
    }
}
