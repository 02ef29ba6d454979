package dev.switchboard.webhook.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.model.event.EventEnvelope;
import dev.switchboard.model.event.EventType;
import dev.switchboard.platform.events.EventPublisher;
import dev.switchboard.webhook.client.WebhookSender;
import dev.switchboard.webhook.config.WebhookConfig;
import dev.switchboard.webhook.repository.DeliveryRepository;
import dev.switchboard.webhook.repository.DeliveryRepository.Claimed;
import dev.switchboard.webhook.repository.SubscriptionRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/** The database side of sending: claiming due deliveries, and recording each attempt and what it decided. */
@ApplicationScoped
public class DeliveryService {

    private static final Logger LOG = Logger.getLogger(DeliveryService.class);

    /** One attempt at one claimed delivery, as it went. */
    public record Attempt(Claimed delivery, Instant at, long latencyMs, WebhookSender.Answer answer) {
    }

    private final DeliveryRepository deliveries;
    private final SubscriptionRepository subscriptions;
    private final EventPublisher events;
    private final ObjectMapper json;
    private final RetryPolicy retries;
    private final WebhookConfig config;
    private final DeliveryMetrics metrics;

    public DeliveryService(DeliveryRepository deliveries, SubscriptionRepository subscriptions, EventPublisher events,
                           ObjectMapper json, WebhookConfig config, DeliveryMetrics metrics) {
        this.metrics = metrics;
        this.deliveries = deliveries;
        this.subscriptions = subscriptions;
        this.events = events;
        this.json = json;
        this.config = config;
        this.retries = new RetryPolicy(config.retrySchedule());
    }

    @Transactional
    public List<Claimed> claim(int limit, Collection<UUID> busy) {
        Instant now = Instant.now();
        return deliveries.claimDue(now, now.plus(config.lease()), limit, config.maxInFlightPerSubscription(), busy);
    }

    @Transactional
    public DeliveryRepository.Queue queue() {
        return deliveries.queue(Instant.now());
    }

    /** Records an attempt and settles its delivery as the answer decides. */
    @Transactional
    public void record(Attempt attempt) {
        Claimed delivery = attempt.delivery();
        WebhookSender.Answer answer = attempt.answer();
        int made = delivery.attempts() + 1;
        deliveries.recordAttempt(delivery.id(), attempt.at(), answer.status(), attempt.latencyMs(), answer.excerpt(),
                answer.error());
        RetryPolicy.Decision decision = retries.decide(made, answer.status(), answer.retryAfter(), attempt.at());
        metrics.attempt(decision.verdict(), attempt.latencyMs());
        String error = answer.error() != null ? answer.error()
                : answer.status() != null && answer.status() >= 300 ? "the receiver answered " + answer.status() : null;
        switch (decision.verdict()) {
            case DELIVERED -> deliveries.settle(delivery.id(), "delivered", made, attempt.at(), answer.status(), null,
                    attempt.at());
            case RETRY -> deliveries.settle(delivery.id(), "pending", made, decision.nextAttemptAt(), answer.status(),
                    error, null);
            case GONE -> {
                deliveries.settle(delivery.id(), "failed", made, attempt.at(), answer.status(), error, null);
                subscriptions.disable(delivery.subscriptionId());
                LOG.infof("Webhook %s answered 410 Gone and is disabled", delivery.subscriptionId());
                failed(delivery, made, error);
            }
            case FAILED -> {
                deliveries.settle(delivery.id(), "failed", made, attempt.at(), answer.status(), error, null);
                failed(delivery, made, error);
            }
        }
    }

    /** Tells whoever follows the webhooks topic; best effort, since the delivery's row already says it failed. */
    private void failed(Claimed delivery, int attempts, String error) {
        var data = json.createObjectNode().put("webhookId", delivery.subscriptionId().toString())
                .put("deliveryId", delivery.id().toString()).put("eventId", delivery.eventId())
                .put("attempts", attempts).put("error", error);
        String tenant = subscriptions.findByIdOptional(delivery.subscriptionId()).map(found -> found.tenantId).orElse(null);
        events.publish(EventEnvelope.of("/webhook-service", EventType.WEBHOOK_FAILED, delivery.subscriptionId().toString(),
                tenant, null, data)).whenComplete((sent, failure) -> {
                    if (failure != null) {
                        LOG.warnf("webhook.failed for delivery %s could not be published: %s", delivery.id(),
                                failure.getMessage());
                    }
                });
    }
}
