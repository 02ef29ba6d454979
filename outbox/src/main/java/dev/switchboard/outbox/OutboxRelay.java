package dev.switchboard.outbox;

import dev.switchboard.model.event.EventEnvelope;
import dev.switchboard.platform.events.KafkaSender;
import dev.switchboard.platform.events.ProducerSettings;
import dev.switchboard.platform.retry.Backoff;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.jboss.logging.Logger;

/**
 * Publishes the outbox in id order, so that the events of one subject reach Kafka in the order they were written.
 * A relay runs right after each commit that wrote events, and once a second as a safety net; one relay at a time runs
 * across all replicas of a service. A row whose send fails waits with backoff, and the rows of its subject wait behind it; a broker
 * that is away is waited for as long as it takes, while a row the broker refuses for a reason of its own (too large,
 * not allowed) is parked as dead after {@code max-attempts}, so that it blocks nobody.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    static final String DEFAULT_POLL_INTERVAL = "1s";
    static final String DEFAULT_PURGE_INTERVAL = "1h";

    private final OutboxRepository repository;
    private final KafkaSender sender;
    private final OutboxConfig config;
    private final Backoff backoff;
    private final ExecutorService relayer = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "outbox-relay");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean requested = new AtomicBoolean();
    private volatile boolean stopping;

    public OutboxRelay(OutboxRepository repository, KafkaSender sender, OutboxConfig config, ProducerSettings producer,
                       MeterRegistry metrics) {
        producer.requireOutlastedBy(config.sendTimeout(), "switchboard.outbox.send-timeout");
        if (config.batchTimeout().compareTo(config.sendTimeout()) <= 0) {
            throw new IllegalStateException("switchboard.outbox.batch-timeout (" + config.batchTimeout()
                    + ") must be longer than switchboard.outbox.send-timeout (" + config.sendTimeout() + ")");
        }
        this.repository = repository;
        this.sender = sender;
        this.config = config;
        this.backoff = new Backoff(config.initialBackoff(), config.maxBackoff());
        Gauge.builder("switchboard.outbox.pending", this, relay -> relay.count(OutboxEventEntity.PENDING))
                .description("Events written but not yet published").register(metrics);
        Gauge.builder("switchboard.outbox.dead", this, relay -> relay.count(OutboxEventEntity.DEAD))
                .description("Events the broker refused too often; they wait for an operator").register(metrics);
        Gauge.builder("switchboard.outbox.oldest.pending.seconds", this, OutboxRelay::oldestPendingAge)
                .description("Age of the oldest event not yet published").register(metrics);
    }

    /** Asks for a relay soon, on the relay's own thread; requests that come while one is queued join it. */
    public void relaySoon() {
        if (!stopping && requested.compareAndSet(false, true)) {
            relayer.submit(() -> {
                requested.set(false);
                relay();
            });
        }
    }

    /** Not while the application starts or stops, when the database may already be gone: the next run catches up. */
    @Scheduled(every = "${switchboard.outbox.poll-interval:" + DEFAULT_POLL_INTERVAL + "}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void poll() {
        relaySoon();
    }

    void relay() {
        try {
            while (!stopping && QuarkusTransaction.requiringNew().timeout((int) config.batchTimeout().toSeconds())
                    .call(this::relayBatch) == config.batchSize()) {
                // A full batch sent means more may be waiting.
            }
        } catch (RuntimeException e) {
            LOG.warnf("The outbox relay failed and runs again soon: %s", e.getMessage());
        }
    }

    /** @return how many rows were sent */
    int relayBatch() {
        if (!repository.takeRelayTurn()) {
            return 0;
        }
        List<OutboxEventEntity> rows = repository.lockDue(config.batchSize());
        Set<String> blockedSubjects = new HashSet<>();
        List<CompletableFuture<?>> acks = new ArrayList<>();
        for (OutboxEventEntity row : rows) {
            ProducerRecord<String, String> record = new ProducerRecord<>(row.topic, row.subject, row.payload);
            record.headers().add("content-type", EventEnvelope.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
            acks.add(sender.send(record).toCompletableFuture());
        }
        int sent = 0;
        for (int i = 0; i < rows.size(); i++) {
            OutboxEventEntity row = rows.get(i);
            try {
                acks.get(i).get(config.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
                // Sent, even behind a failed row of its subject: it is on the broker, and sending it again would only
                // repeat it. Rows behind a failure that were not sent wait for the failed one, in order.
                row.status = OutboxEventEntity.SENT;
                row.sentAt = Instant.now();
                sent++;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return sent;
            } catch (Exception e) {
                if (blockedSubjects.contains(row.subject)) {
                    continue;
                }
                failed(row, e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e);
                if (OutboxEventEntity.PENDING.equals(row.status)) {
                    blockedSubjects.add(row.subject);
                }
            }
        }
        return sent;
    }

    private void failed(OutboxEventEntity row, Throwable error) {
        row.attempts++;
        row.lastError = String.valueOf(error.getMessage());
        boolean brokerAway = error instanceof RetriableException || error instanceof TimeoutException;
        if (!brokerAway && row.attempts >= config.maxAttempts()) {
            row.status = OutboxEventEntity.DEAD;
            LOG.errorf("Outbox event %s (%s about %s) is dead after %d attempts: %s", row.eventId, row.topic, row.subject,
                    row.attempts, row.lastError);
            return;
        }
        row.nextAttemptAt = Instant.now().plus(backoff(row.attempts));
        LOG.debugf("Outbox event %s not sent (attempt %d): %s", row.eventId, row.attempts, row.lastError);
    }

    Duration backoff(int attempts) {
        return backoff.afterAttempts(attempts);
    }

    /** Sent rows are kept a while for inspection, then removed; dead rows stay until an operator acts. */
    @Scheduled(every = "${switchboard.outbox.purge-interval:" + DEFAULT_PURGE_INTERVAL + "}", delayed = "5m")
    void purgeSent() {
        QuarkusTransaction.requiringNew().run(() -> repository.purgeSentBefore(Instant.now().minus(config.keepSent())));
    }

    void stop(@Observes ShutdownEvent shutdown) {
        stopping = true;
        relayer.shutdown();
        try {
            relayer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private double count(String status) {
        return QuarkusTransaction.requiringNew().call(() -> OutboxEventEntity.PENDING.equals(status)
                ? repository.countPending() : repository.countDead());
    }

    private double oldestPendingAge() {
        return QuarkusTransaction.requiringNew().call(() -> repository.oldestPending()
                .map(created -> (double) Duration.between(created, Instant.now()).toSeconds()).orElse(0.0));
    }
}
