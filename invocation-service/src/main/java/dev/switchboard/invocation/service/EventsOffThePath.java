package dev.switchboard.invocation.service;

import dev.switchboard.invocation.config.InvocationConfig;
import dev.switchboard.invocation.messaging.EventJournal;
import dev.switchboard.invocation.repository.HandedOffEventRepository;
import dev.switchboard.model.event.EventEnvelope;
import dev.switchboard.platform.events.EventPublisher;
import dev.switchboard.platform.events.ProducerSettings;
import dev.switchboard.platform.retry.Backoff;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Publishes events beside the work they describe, never blocking or failing it: an event is written to the
 * {@link EventJournal} on local disk, and one sender sends the journal to the broker in order. While the broker is
 * away the sender tries again with backoff and the journal keeps what waits, so an outage, and a crash or kill of
 * the service during one, loses nothing: the next start sends it. A replica that stops while events still wait hands
 * them to its database, since its journal's disk may not outlive it (a pod's {@code emptyDir}); a running replica
 * whose own journal is empty takes them over into its journal. Only when the journal is full is an event dropped,
 * counted by event type ({@code switchboard.events.dropped}) and logged. Every event is therefore either sent or
 * counted; an event the broker took just before a crash may be sent again, and consumers keep each event id once.
 */
@ApplicationScoped
public class EventsOffThePath {

    static final String SOURCE = "/invocation-service";
    private static final Logger LOG = Logger.getLogger(EventsOffThePath.class);
    private static final Duration IDLE_WAIT = Duration.ofMillis(200);

    private final EventPublisher publisher;
    private final EventJournal journal;
    private final int batchSize;
    private final Duration sendTimeout;
    private final Backoff backoff;
    private final MeterRegistry registry;
    private final HandedOffEventRepository handedOff;
    private final long handoffIntervalNanos;
    private long nextTakeOver = System.nanoTime();
    private final AtomicLong dropped = new AtomicLong();
    private final Duration syncInterval;
    private final ScheduledExecutorService syncer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "event-journal-sync");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean running = true;
    private Thread sender;

    public EventsOffThePath(EventPublisher publisher, MeterRegistry registry, InvocationConfig config,
                            ProducerSettings producer, HandedOffEventRepository handedOff) {
        producer.requireOutlastedBy(config.events().sendTimeout(), "switchboard.invocation.events.send-timeout");
        this.publisher = publisher;
        this.journal = EventJournal.open(config.events().journal().directory(),
                config.events().journal().maxSize().asLongValue());
        this.batchSize = config.events().batchSize();
        this.sendTimeout = config.events().sendTimeout();
        this.backoff = new Backoff(config.events().initialRetryDelay(), config.events().maxRetryDelay());
        this.registry = registry;
        this.handedOff = handedOff;
        this.handoffIntervalNanos = config.events().handoffInterval().toNanos();
        this.syncInterval = config.events().journal().syncInterval();
        Gauge.builder("switchboard.events.pending", journal, EventJournal::pending)
                .description("Events in the journal waiting to be sent").register(registry);
        if (journal.pending() > 0) {
            LOG.infof("Sending %d events a previous run left in %s", journal.pending(), journal.slot());
        }
    }

    void start(@Observes StartupEvent startup) {
        sender = new Thread(this::drain, "event-sender");
        sender.setDaemon(true);
        sender.start();
        syncer.scheduleWithFixedDelay(journal::sync, syncInterval.toMillis(), syncInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent shutdown) {
        running = false;
        syncer.shutdownNow();
        if (sender != null) {
            try {
                sender.join(TimeUnit.SECONDS.toMillis(5));
                sender.interrupt();
                sender.join(TimeUnit.SECONDS.toMillis(1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (journal.pending() > 0 && sender != null && !sender.isAlive()) {
            handOff();
        }
        if (journal.pending() > 0) {
            LOG.warnf("Stopping with %d events not sent; they stay in %s for the next start", journal.pending(),
                    journal.slot());
        }
        journal.sync();
        journal.close();
    }

    /** Moves what the broker has not taken from the journal to the database, a batch per transaction. */
    private void handOff() {
        long handed = 0;
        journal.rewind();
        try {
            List<EventJournal.Entry> batch;
            while (!(batch = journal.read(batchSize, Duration.ZERO)).isEmpty()) {
                handedOff.store(batch.stream().map(EventJournal.Entry::event).toList());
                journal.acknowledge(batch.get(batch.size() - 1).end(), batch.size());
                handed += batch.size();
            }
        } catch (SQLException e) {
            LOG.warnf("The database did not take the events the broker has not: %s", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (handed > 0) {
            LOG.infof("Handed %d events the broker has not taken to the database, for a running replica to send", handed);
        }
    }

    /** While this replica has nothing of its own to send, it takes over what stopped replicas handed off. */
    private void takeOverWhenDue() {
        long now = System.nanoTime();
        if (now - nextTakeOver < 0) {
            return;
        }
        nextTakeOver = now + handoffIntervalNanos;
        try {
            int taken = handedOff.takeOver(batchSize, journal::append);
            if (taken > 0) {
                LOG.infof("Took over %d events that a stopped replica handed off", taken);
                nextTakeOver = now;
            }
        } catch (SQLException e) {
            LOG.debugf("Could not look for events handed off by stopped replicas: %s", e.getMessage());
        }
    }

    public void publish(EventEnvelope event) {
        if (!journal.append(publisher.encode(event))) {
            drop(event);
        }
    }

    private void drop(EventEnvelope event) {
        Counter.builder("switchboard.events.dropped").tag("type", event.type())
                .description("Events dropped because the journal was full or could not be written")
                .register(registry).increment();
        long total = dropped.incrementAndGet();
        if (total % 1000 == 1) {
            LOG.warnf("The event journal in %s is full or cannot be written; %d events dropped so far (latest: %s about %s)",
                    journal.slot(), total, event.type(), event.subject());
        }
    }

    private void drain() {
        Duration wait = backoff.initial();
        while (running || journal.pending() > 0) {
            List<EventJournal.Entry> batch;
            try {
                batch = journal.read(batchSize, IDLE_WAIT);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (batch.isEmpty()) {
                if (running) {
                    takeOverWhenDue();
                }
                continue;
            }
            int sent = send(batch);
            if (sent > 0) {
                journal.acknowledge(batch.get(sent - 1).end(), sent);
            }
            if (sent == batch.size()) {
                wait = backoff.initial();
                continue;
            }
            journal.rewind();
            if (!running || Thread.currentThread().isInterrupted()) {
                return;
            }
            LOG.warnf("%d events could not be sent; trying again in %d ms", batch.size() - sent, wait.toMillis());
            sleep(wait);
            wait = backoff.after(wait);
        }
    }

    /** Sends a batch and waits for the broker's answers; returns how many, from the first, it took. */
    private int send(List<EventJournal.Entry> batch) {
        List<CompletableFuture<?>> acknowledgements = new ArrayList<>();
        for (EventJournal.Entry entry : batch) {
            acknowledgements.add(publisher.publish(entry.event()).toCompletableFuture());
        }
        for (int i = 0; i < batch.size(); i++) {
            try {
                acknowledgements.get(i).get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return i;
            } catch (Exception e) {
                return i;
            }
        }
        return batch.size();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
