package dev.switchboard.webhook.service;

import dev.switchboard.model.event.WebhookDeliveryFailed;
import dev.switchboard.model.event.WebhookDisabled;
import dev.switchboard.webhook.client.WebhookSender;
import dev.switchboard.webhook.config.WebhookConfig;
import dev.switchboard.webhook.repository.DeliveryRepository.AttemptRow;
import dev.switchboard.webhook.repository.DeliveryRepository.Claimed;
import dev.switchboard.webhook.repository.DeliveryRepository.Settlement;
import dev.switchboard.webhook.repository.DeliveryRepository;
import dev.switchboard.webhook.repository.SubscriptionEntity;
import dev.switchboard.webhook.repository.SubscriptionRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    private final WebhookEvents events;
    private final RetryPolicy retries;
    private final WebhookConfig config;
    private final DeliveryMetrics metrics;

    public DeliveryService(DeliveryRepository deliveries, SubscriptionRepository subscriptions, WebhookEvents events,
                           WebhookConfig config, DeliveryMetrics metrics) {
        this.metrics = metrics;
        this.deliveries = deliveries;
        this.subscriptions = subscriptions;
        this.events = events;
        this.config = config;
        this.retries = new RetryPolicy(config.retrySchedule());
    }

    /** Deliveries claimed together, and the lease they are held under. */
    public record Claim(List<Claimed> deliveries, Instant leaseUntil) {
    }

    /**
     * Claims up to {@code limit} due deliveries, up to {@code perSubscription} of each subscription counting those
     * this worker {@code holds}. The lease is kept to the microsecond, as PostgreSQL stores it, so that giving a
     * delivery back can tell this lease from a later one.
     */
    @Transactional
    public Claim claim(int limit, int perSubscription, Map<UUID, Integer> holds) {
        Instant now = Instant.now();
        Instant leaseUntil = now.plus(config.lease()).truncatedTo(ChronoUnit.MICROS);
        return new Claim(deliveries.claimDue(now, leaseUntil, limit, perSubscription, holds), leaseUntil);
    }

    /** Makes deliveries this worker claimed and will not send due again now, for any worker to claim. */
    @Transactional
    public void giveBack(List<DeliveryRepository.Lease> leases) {
        deliveries.giveBack(leases, Instant.now());
    }

    @Transactional
    public DeliveryRepository.Queue queue() {
        return deliveries.queue(Instant.now());
    }

    /**
     * Records attempts and settles their deliveries as the answers decide, in one transaction and two JDBC batches:
     * under load, one commit and two round trips per batch of answers rather than per answer.
     */
    @Transactional
    public void recordAll(List<Attempt> attempts) {
        List<AttemptRow> rows = new ArrayList<>(attempts.size());
        List<Settlement> settlements = new ArrayList<>(attempts.size());
        // In the order of their ids, as a subscription's delete locks them, so that the two cannot deadlock.
        for (Attempt attempt : attempts.stream().sorted(Comparator.comparing(each -> each.delivery().id().toString()))
                .toList()) {
            WebhookSender.Answer answer = attempt.answer();
            rows.add(new AttemptRow(attempt.delivery().id(), attempt.at(), answer.status(), attempt.latencyMs(),
                    answer.excerpt(), answer.error()));
            settlements.add(decide(attempt));
        }
        deliveries.record(rows, settlements);
    }

    /** Records one attempt in a transaction of its own, when the batch it came in was refused. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void recordAlone(Attempt attempt) {
        recordAll(List.of(attempt));
    }

    /** What an attempt makes of its delivery; what it makes of the subscription (failing, disabled) is done here. */
    private Settlement decide(Attempt attempt) {
        Claimed delivery = attempt.delivery();
        WebhookSender.Answer answer = attempt.answer();
        int made = delivery.attempts() + 1;
        RetryPolicy.Decision decision = retries.decide(made, answer.status(), answer.retryAfter(), attempt.at());
        metrics.attempt(decision.verdict(), attempt.latencyMs());
        String error = answer.error() != null ? answer.error()
                : answer.status() != null && answer.status() >= 300 ? "the receiver answered " + answer.status() : null;
        return switch (decision.verdict()) {
            case DELIVERED -> {
                if (delivery.subscriptionFailing()) {
                    subscriptions.succeeded(delivery.subscriptionId());
                }
                yield new Settlement(delivery.id(), "delivered", made, attempt.at(), answer.status(), null, attempt.at());
            }
            case RETRY -> {
                failing(delivery, attempt.at());
                yield new Settlement(delivery.id(), "pending", made, decision.nextAttemptAt(), answer.status(), error,
                        null);
            }
            case GONE -> {
                subscriptions.findByIdOptional(delivery.subscriptionId()).ifPresent(subscription -> {
                    disable(subscription, WebhookDisabled.GONE);
                    failed(subscription, delivery, made, answer.status(), error);
                });
                yield new Settlement(delivery.id(), "failed", made, attempt.at(), answer.status(), error, null);
            }
            case FAILED -> {
                failing(delivery, attempt.at()).ifPresent(subscription -> failed(subscription, delivery, made,
                        answer.status(), error));
                yield new Settlement(delivery.id(), "failed", made, attempt.at(), answer.status(), error, null);
            }
        };
    }

    /** Counts a failed attempt against its subscription, and disables one that has failed for too long. */
    private Optional<SubscriptionEntity> failing(Claimed delivery, Instant at) {
        Optional<SubscriptionEntity> found = subscriptions.findByIdOptional(delivery.subscriptionId());
        found.ifPresent(subscription -> {
            if (subscription.failingSince == null) {
                subscription.failingSince = at;
            } else if (subscription.enabled && !subscription.failingSince.isAfter(at.minus(config.disableAfter()))) {
                disable(subscription, WebhookDisabled.FAILING);
            }
        });
        return found;
    }

    private void disable(SubscriptionEntity subscription, String reason) {
        if (!subscription.enabled) {
            return;
        }
        subscription.enabled = false;
        subscription.updatedAt = Instant.now();
        events.disabled(subscription, reason);
        LOG.infof("Webhook %s is disabled (%s)", subscription.id, reason);
    }

    private void failed(SubscriptionEntity subscription, Claimed delivery, int attempts, Integer status, String error) {
        events.deliveryFailed(subscription, new WebhookDeliveryFailed(subscription.id, delivery.id(), delivery.eventId(),
                attempts, status, error));
    }
}
