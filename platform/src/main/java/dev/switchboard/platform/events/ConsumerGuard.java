package dev.switchboard.platform.events;

import dev.switchboard.model.event.EventEnvelope;
import dev.switchboard.platform.retry.Backoff;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * How every consumer survives what goes wrong while it handles a record. A failure caused by the record itself is
 * parked on the dead-letter topic with its reason, and the consumer goes on with the next record. A failure of the
 * infrastructure (the database or the broker away) is waited out with backoff, since parking would throw good events
 * away; when it lasts longer than {@code switchboard.consumers.give-up-after} the consumer stops for good, and
 * {@link #stopped()} makes the service's liveness fail so that it is restarted.
 * <p>
 * Once the service is stopping, a record is neither handled nor parked: the database and the broker are about to close
 * under it, and what fails then fails because of the stop, not because of the record. The consumer ends its channel
 * instead, leaving the record uncommitted for whichever consumer of its partition comes next.
 */
@ApplicationScoped
public class ConsumerGuard {

    private static final Logger LOG = Logger.getLogger(ConsumerGuard.class);

    private final IncomingEvents incoming;
    private final ConsumerConfig config;
    private final Backoff waits;
    private final Map<String, String> stopped = new ConcurrentHashMap<>();
    private volatile boolean serviceStopping;

    public ConsumerGuard(IncomingEvents incoming, ConsumerConfig config) {
        this.incoming = incoming;
        this.config = config;
        this.waits = new Backoff(config.initialBackoff(), config.maxBackoff());
    }

    /** Before any other observer of the stop, some of which wait for work in flight to end. */
    void serviceStopping(@Observes @Priority(1) ShutdownEvent stopping) {
        serviceStopping = true;
    }

    /** Reads one record and hands its event to {@code handler}; a record that cannot be read or handled is parked. */
    public void handle(ConsumerRecord<String, String> record, String consumer, Consumer<EventEnvelope> handler) {
        Optional<EventEnvelope> event = retrying(consumer, () -> incoming.readOrPark(record, consumer));
        if (event.isEmpty()) {
            return;
        }
        try {
            retrying(consumer, () -> {
                handler.accept(event.get());
                return null;
            });
        } catch (ConsumerStoppedException stop) {
            throw stop;
        } catch (RuntimeException failed) {
            park(record, consumer, "could not be processed", failed);
        }
    }

    /** Parks a record that failed for a reason of its own, and logs the failure. */
    public void park(ConsumerRecord<String, String> record, String consumer, String what, RuntimeException failure) {
        LOG.warnf(failure, "%s-%d@%d %s by %s", record.topic(), record.partition(), record.offset(), what, consumer);
        retrying(consumer, () -> {
            incoming.park(record, consumer, what + ": " + reason(failure));
            return null;
        });
    }

    /**
     * Runs {@code work}, waiting out transient failures with backoff; a failure that is not transient is thrown at
     * once for the caller to park what caused it.
     *
     * @throws ConsumerStoppedException when the infrastructure stayed away for longer than allowed, or when the service
     *         is stopping
     */
    public <T> T retrying(String consumer, Supplier<T> work) {
        long giveUpAt = System.nanoTime() + config.giveUpAfter().toNanos();
        Duration backoff = waits.initial();
        while (true) {
            leaveIfServiceStopping(consumer, null);
            try {
                return work.get();
            } catch (RuntimeException failure) {
                leaveIfServiceStopping(consumer, failure);
                if (!TransientFailures.isTransient(failure)) {
                    throw failure;
                }
                if (System.nanoTime() - giveUpAt > 0) {
                    stopped.put(consumer, reason(failure));
                    LOG.errorf(failure, "Consumer %s stops: its database or broker stayed away for more than %s",
                            consumer, config.giveUpAfter());
                    throw new ConsumerStoppedException(consumer, failure);
                }
                LOG.warnf("Consumer %s waits %d ms for its database or broker: %s", consumer, backoff.toMillis(),
                        reason(failure));
                sleep(backoff, failure);
                backoff = waits.after(backoff);
            }
        }
    }

    private void leaveIfServiceStopping(String consumer, RuntimeException failure) {
        if (serviceStopping) {
            throw new ConsumerStoppedException(consumer, "its service is stopping", failure);
        }
    }

    /** The consumers that stopped for good, with why; empty while every consumer runs. */
    public Map<String, String> stopped() {
        return Map.copyOf(stopped);
    }

    private static void sleep(Duration backoff, RuntimeException failure) {
        try {
            Thread.sleep(backoff.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure;
        }
    }

    /** The innermost message, for operators reading the dead-letter topic or the health answer. */
    static String reason(Throwable failure) {
        String message = failure.getMessage();
        for (Throwable cause = failure.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause.getMessage() != null) {
                message = cause.getMessage();
            }
        }
        return message == null ? failure.getClass().getSimpleName() : message.lines().findFirst().orElse(message);
    }
}
