package dev.switchboard.invocation.service;

import dev.switchboard.invocation.config.InvocationConfig;
import dev.switchboard.model.event.EventEnvelope;
import dev.switchboard.platform.events.EventPublisher;
import dev.switchboard.platform.retry.Backoff;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Publishes events beside the work they describe, never blocking or failing it: an event joins a bounded buffer
 * that one sender drains in order. While the broker is away the sender keeps what it could not send at the front
 * and tries again with backoff, so an outage loses nothing until the buffer is full; what does not fit then is
 * dropped, counted by event type ({@code switchboard.events.dropped}) and logged. Every event is therefore either
 * sent or counted.
 */
@ApplicationScoped
public class EventsOffThePath {

    static final String SOURCE = "/invocation-service";
    private static final Logger LOG = Logger.getLogger(EventsOffThePath.class);

    private final EventPublisher publisher;
    private final LinkedBlockingDeque<EventEnvelope> pending;
    private final int batchSize;
    private final Duration sendTimeout;
    private final Backoff backoff;
    private final MeterRegistry registry;
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean running = true;
    private Thread sender;

    public EventsOffThePath(EventPublisher publisher, MeterRegistry registry, InvocationConfig config) {
        this.publisher = publisher;
        this.pending = new LinkedBlockingDeque<>(config.events().bufferSize());
        this.batchSize = config.events().batchSize();
        this.sendTimeout = config.events().sendTimeout();
        this.backoff = new Backoff(config.events().initialRetryDelay(), config.events().maxRetryDelay());
        this.registry = registry;
        Gauge.builder("switchboard.events.pending", pending, LinkedBlockingDeque::size)
                .description("Events waiting to be sent").register(registry);
    }

    void start(@Observes StartupEvent startup) {
        sender = new Thread(this::drain, "event-sender");
        sender.setDaemon(true);
        sender.start();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        running = false;
        if (sender != null) {
            try {
                sender.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (!pending.isEmpty()) {
            LOG.warnf("Stopping with %d events not sent", pending.size());
        }
    }

    public void publish(EventEnvelope event) {
        if (!pending.offerLast(event)) {
            drop(event);
        }
    }

    private void drop(EventEnvelope event) {
        Counter.builder("switchboard.events.dropped").tag("type", event.type())
                .description("Events dropped because the buffer was full while the broker could not take them")
                .register(registry).increment();
        long total = dropped.incrementAndGet();
        if (total % 1000 == 1) {
            LOG.warnf("The event buffer is full; %d events dropped so far (latest: %s about %s)", total, event.type(),
                    event.subject());
        }
    }

    private void drain() {
        Duration wait = backoff.initial();
        while (running || !pending.isEmpty()) {
            List<EventEnvelope> batch = new ArrayList<>();
            try {
                EventEnvelope first = pending.pollFirst(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                pending.drainTo(batch, batchSize - 1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            List<EventEnvelope> unsent = send(batch);
            if (unsent.isEmpty()) {
                wait = backoff.initial();
                continue;
            }
            // Back at the front, newest first, so that order holds; if newer events filled the buffer meanwhile,
            // the oldest unsent ones are the ones that no longer fit.
            for (int i = unsent.size() - 1; i >= 0; i--) {
                if (!pending.offerFirst(unsent.get(i))) {
                    drop(unsent.get(i));
                }
            }
            if (!running) {
                return;
            }
            LOG.warnf("%d events could not be sent; trying again in %d ms", unsent.size(), wait.toMillis());
            sleep(wait);
            wait = backoff.after(wait);
        }
    }

    /** Sends a batch and waits for the broker's answers; returns, in order, the events it did not take. */
    private List<EventEnvelope> send(List<EventEnvelope> batch) {
        List<CompletableFuture<?>> acknowledgements = new ArrayList<>();
        for (EventEnvelope event : batch) {
            acknowledgements.add(publisher.publish(event).toCompletableFuture());
        }
        List<EventEnvelope> unsent = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            try {
                acknowledgements.get(i).get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                unsent.addAll(batch.subList(i, batch.size()));
                return unsent;
            } catch (Exception e) {
                unsent.add(batch.get(i));
            }
        }
        return unsent;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
