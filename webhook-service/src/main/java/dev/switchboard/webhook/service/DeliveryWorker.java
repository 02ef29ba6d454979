package dev.switchboard.webhook.service;

import dev.switchboard.webhook.client.WebhookSender;
import dev.switchboard.webhook.config.WebhookConfig;
import dev.switchboard.webhook.repository.DeliveryRepository.Claimed;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Queue;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Sends due deliveries: claims what there is room for, POSTs each signed CloudEvent to its receiver, and records each
 * attempt as soon as its answer comes, so that a slow receiver holds up only its own deliveries (at most
 * {@code max-in-flight-per-subscription} of them). A delivery's {@code webhook-id} is its event's id, the same on
 * every retry, so that a receiver can tell a retry (or a second delivery after a crash between sending and
 * recording) from a new event.
 */
@ApplicationScoped
public class DeliveryWorker {

    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);
    private static final Duration QUEUE_REFRESH = Duration.ofSeconds(5);
    private static final int RECORD_BATCH = 200;

    private final DeliveryService deliveries;
    private final DeliveryMetrics metrics;
    private final WebhookSender sender;
    private final DeliveryHeaders headers;
    private final WebhookConfig config;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicBoolean woken = new AtomicBoolean();
    /** Attempts answered and not yet recorded; they still count towards {@code max-in-flight}, not towards their subscription's. */
    private final Queue<DeliveryService.Attempt> answered = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean recording = new AtomicBoolean();
    private final Map<UUID, AtomicInteger> inFlightBySubscription = new ConcurrentHashMap<>();
    private volatile Instant queueMeasuredAt = Instant.EPOCH;
    private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "webhook-deliveries");
        thread.setDaemon(true);
        return thread;
    });

    public DeliveryWorker(DeliveryService deliveries, DeliveryMetrics metrics, WebhookSender sender,
                          DeliveryHeaders headers, WebhookConfig config) {
        this.deliveries = deliveries;
        this.metrics = metrics;
        this.sender = sender;
        this.headers = headers;
        this.config = config;
    }

    void start(@Observes StartupEvent started) {
        long interval = config.pollInterval().toMillis();
        loop.scheduleWithFixedDelay(this::deliverDue, interval, interval, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent stopping) {
        loop.shutdownNow();
    }

    /**
     * Looks for due deliveries now rather than at the next poll: when deliveries were just planned here, or a send
     * ended and left room. Wake-ups that come while one is queued join it, so a burst of them costs one claim.
     */
    public void wake() {
        if (woken.compareAndSet(false, true)) {
            try {
                loop.execute(this::deliverDue);
            } catch (RejectedExecutionException stopping) {
                woken.set(false);
            }
        }
    }

    void deliverDue() {
        woken.set(false);
        try {
            measureQueue();
            int room = config.maxInFlight() - inFlight.get();
            if (room <= 0) {
                return;
            }
            Map<UUID, Integer> busy = new HashMap<>();
            inFlightBySubscription.forEach((subscription, sending) -> {
                if (sending.get() > 0) {
                    busy.put(subscription, sending.get());
                }
            });
            for (Claimed delivery : deliveries.claim(room, busy)) {
                inFlight.incrementAndGet();
                inFlightBySubscription.computeIfAbsent(delivery.subscriptionId(), id -> new AtomicInteger()).incrementAndGet();
                send(delivery).whenComplete((attempt, failure) -> {
                    // The receiver is done with it: its slot frees now, and the next of its deliveries may go while
                    // this one stays leased until recorded.
                    inFlightBySubscription.get(delivery.subscriptionId()).decrementAndGet();
                    if (attempt != null) {
                        answered.add(attempt);
                        recordSoon();
                    } else {
                        LOG.warnf(failure, "Delivery %s was not attempted; it is sent when its lease ends", delivery.id());
                        inFlight.decrementAndGet();
                    }
                    wake();
                });
            }
        } catch (RuntimeException e) {
            LOG.warnf(e, "Looking for due webhook deliveries failed; trying again in %s", config.pollInterval());
        }
    }

    /** Records what has been answered on a worker thread, one batch at a time; requests while one runs join it. */
    private void recordSoon() {
        if (recording.compareAndSet(false, true)) {
            Infrastructure.getDefaultWorkerPool().execute(this::recordAnswered);
        }
    }

    private void recordAnswered() {
        try {
            List<DeliveryService.Attempt> batch = new ArrayList<>();
            for (DeliveryService.Attempt next = answered.poll(); next != null; next = answered.poll()) {
                batch.add(next);
                if (batch.size() == RECORD_BATCH) {
                    record(batch);
                    batch.clear();
                }
            }
            record(batch);
        } finally {
            recording.set(false);
        }
        if (!answered.isEmpty()) {
            recordSoon();
        }
    }

    private void record(List<DeliveryService.Attempt> batch) {
        if (batch.isEmpty()) {
            return;
        }
        try {
            deliveries.recordAll(batch);
        } catch (RuntimeException refused) {
            batch.forEach(this::recordAlone);
        } finally {
            inFlight.addAndGet(-batch.size());
            wake();
        }
    }

    private void recordAlone(DeliveryService.Attempt attempt) {
        try {
            deliveries.recordAlone(attempt);
        } catch (RuntimeException e) {
            LOG.warnf(e, "Delivery %s could not be recorded; it is sent again when its lease ends",
                    attempt.delivery().id());
        }
    }

    private void measureQueue() {
        Instant now = Instant.now();
        if (now.isAfter(queueMeasuredAt.plus(QUEUE_REFRESH))) {
            queueMeasuredAt = now;
            metrics.queue(deliveries.queue());
        }
    }

    private CompletableFuture<DeliveryService.Attempt> send(Claimed delivery) {
        Instant at = Instant.now();
        long started = System.nanoTime();
        long timestamp = at.getEpochSecond();
        Map<String, String> headers = this.headers.of(delivery.eventId(), timestamp, delivery.payloadJson(),
                delivery.secretSealed(), delivery.previousSecretSealed());
        return sender.post(delivery.url(), headers, delivery.payloadJson()).toCompletableFuture()
                .thenApply(answer -> new DeliveryService.Attempt(delivery, at,
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), answer));
    }
}
