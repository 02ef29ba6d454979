package dev.switchboard.webhook.service;

import dev.switchboard.platform.crypto.SecretCipher;
import dev.switchboard.webhook.client.WebhookSender;
import dev.switchboard.webhook.config.WebhookConfig;
import dev.switchboard.webhook.repository.DeliveryRepository.Claimed;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Sends due deliveries: claims a batch, POSTs each signed CloudEvent to its receiver concurrently, and records the
 * batch's attempts. A delivery's {@code webhook-id} is its event's id, the same on every retry, so that a receiver
 * can tell a retry (or a second delivery after a crash between sending and recording) from a new event.
 */
@ApplicationScoped
public class DeliveryWorker {

    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);
    static final String CONTENT_TYPE = "application/cloudevents+json; charset=utf-8";

    private final DeliveryService deliveries;
    private final WebhookSender sender;
    private final SecretCipher cipher;
    private final WebhookConfig config;
    private ScheduledExecutorService loop;

    public DeliveryWorker(DeliveryService deliveries, WebhookSender sender, SecretCipher cipher, WebhookConfig config) {
        this.deliveries = deliveries;
        this.sender = sender;
        this.cipher = cipher;
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
            List<Claimed> due = deliveries.claim();
            while (!due.isEmpty()) {
                List<CompletableFuture<DeliveryService.Attempt>> sends = due.stream().map(this::send).toList();
                CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).join();
                deliveries.record(sends.stream().map(CompletableFuture::join).toList());
                due = due.size() < config.batchSize() ? List.of() : deliveries.claim();
            }
        } catch (RuntimeException e) {
            LOG.warnf(e, "Sending webhooks failed; the claimed deliveries are retried when their lease ends");
        }
    }

    private CompletableFuture<DeliveryService.Attempt> send(Claimed delivery) {
        Instant at = Instant.now();
        long started = System.nanoTime();
        long timestamp = at.getEpochSecond();
        String signature = WebhookSignature.sign(cipher.open(delivery.secretSealed()), delivery.eventId(), timestamp,
                delivery.payloadJson());
        Map<String, String> headers = Map.of("webhook-id", delivery.eventId(),
                "webhook-timestamp", String.valueOf(timestamp),
                "webhook-signature", signature,
                "Content-Type", CONTENT_TYPE,
                "User-Agent", "Switchboard-Webhooks/1");
        return sender.post(delivery.url(), headers, delivery.payloadJson()).toCompletableFuture()
                .thenApply(answer -> new DeliveryService.Attempt(delivery, at,
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), answer));
    }
}
