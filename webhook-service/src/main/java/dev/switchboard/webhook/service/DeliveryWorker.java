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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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

    private final DeliveryService deliveries;
    private final DeliveryMetrics metrics;
    private final WebhookSender sender;
    private final DeliveryHeaders headers;
    private final WebhookConfig config;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Map<UUID, AtomicInteger> inFlightBySubscription = new ConcurrentHashMap<>();
    private volatile Instant queueMeasuredAt = Instant.EPOCH;
    private ScheduledExecutorService loop;

    public DeliveryWorker(DeliveryService deliveries, DeliveryMetrics metrics, WebhookSender sender,
                          DeliveryHeaders headers, WebhookConfig config) {
        this.deliveries = deliveries;
        this.metrics = metrics;
        this.sender = sender;
        this.headers = headers;
        this.config = config;
    }

    void start(@Observes StartupEvent started) {
        loop = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "webhook-deliveries");
            thread.setDaemon(true);
            return thread;
        });
        long interval = config.pollInterval().toMillis();
        loop.scheduleWithFixedDelay(this::deliverDue, interval, interval, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (loop != null) {
            loop.shutdownNow();
        }
    }

    void deliverDue() {
        try {
            measureQueue();
            int room = config.maxInFlight() - inFlight.get();
            if (room <= 0) {
                return;
            }
            List<UUID> busy = inFlightBySubscription.entrySet().stream().filter(entry -> entry.getValue().get() > 0)
                    .map(Map.Entry::getKey).toList();
            for (Claimed delivery : deliveries.claim(room, busy)) {
                inFlight.incrementAndGet();
                inFlightBySubscription.computeIfAbsent(delivery.subscriptionId(), id -> new AtomicInteger()).incrementAndGet();
                send(delivery).whenComplete((attempt, failure) -> Infrastructure.getDefaultWorkerPool().execute(() -> {
                    try {
                        if (attempt != null) {
                            deliveries.record(attempt);
                        }
                    } catch (RuntimeException e) {
                        LOG.warnf(e, "Delivery %s could not be recorded; it is sent again when its lease ends", delivery.id());
                    } finally {
                        inFlight.decrementAndGet();
                        inFlightBySubscription.get(delivery.subscriptionId()).decrementAndGet();
                    }
                }));
            }
        } catch (RuntimeException e) {
            LOG.warnf(e, "Looking for due webhook deliveries failed; trying again in %s", config.pollInterval());
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
