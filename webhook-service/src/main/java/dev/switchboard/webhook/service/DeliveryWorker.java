package dev.switchboard.webhook.service;

import dev.switchboard.webhook.client.WebhookSender;
import dev.switchboard.webhook.config.WebhookConfig;
import dev.switchboard.webhook.repository.DeliveryRepository.Claimed;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Queue;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Sends due deliveries: claims what there is room for, a few per subscription ahead of its free slots, POSTs each
 * signed CloudEvent to its receiver, sends the next one waiting as a slot frees, and records each attempt as soon as
 * its answer comes, so that a slow receiver holds up only its own deliveries (at most
 * {@code max-in-flight-per-subscription} of them on the wire). A delivery's {@code webhook-id} is its event's id, the
 * same on every retry, so that a receiver can tell a retry (or a second delivery after a crash between sending and
 * recording) from a new event.
 */
@ApplicationScoped
public class DeliveryWorker {

    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);
    private static final Duration QUEUE_REFRESH = Duration.ofSeconds(5);
    private static final int RECORD_BATCH = 200;
    /** Time left under a lease, after the longest answer, for the answer to be recorded before the lease ends. */
    private static final Duration RECORDING_ALLOWANCE = Duration.ofSeconds(5);
    /** How long stopping waits for what was leased ahead to be given back, out of the pod's grace period. */
    private static final Duration GIVING_BACK_AT_STOP = Duration.ofSeconds(5);
    /** How long stopping waits for the deliveries on the wire to be answered and recorded. */
    private static final Duration RECORDING_AT_STOP = Duration.ofSeconds(5);

    private final DeliveryService deliveries;
    private final DeliveryMetrics metrics;
    private final WebhookSender sender;
    private final DeliveryHeaders headers;
    private final WebhookConfig config;
    private final SubscriptionLanes lanes;
    /** How long a delivery leased ahead may wait for a slot; zero when nothing is leased ahead. */
    private final Duration aheadFor;
    /** Claimed deliveries held at most, in flight and waiting: as many ahead in all as the in-flight slots bring. */
    private final int maxHeld;
    private final AtomicInteger inFlight = new AtomicInteger();
    /** Notified when nothing is in flight any more, for a stop that waits for it. */
    private final Object allRecorded = new Object();
    private volatile boolean stopping;
    private final AtomicBoolean woken = new AtomicBoolean();
    private final AtomicBoolean lookAgain = new AtomicBoolean();
    private boolean lastClaimCutShort;
    /** Attempts answered and not yet recorded; they still count towards {@code max-in-flight}, not towards their subscription's. */
    private final Queue<DeliveryService.Attempt> answered = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean recording = new AtomicBoolean();
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
        Duration leaseLeft = config.lease().minus(config.responseTimeout()).minus(RECORDING_ALLOWANCE);
        Duration ahead = Collections.min(List.of(config.claimAheadFor(), leaseLeft));
        boolean claimingAhead = config.claimAheadPerSubscription() > 0 && ahead.compareTo(Duration.ZERO) > 0;
        this.aheadFor = claimingAhead ? ahead : Duration.ZERO;
        this.lanes = new SubscriptionLanes(config.maxInFlightPerSubscription(),
                claimingAhead ? config.claimAheadPerSubscription() : 0);
        this.maxHeld = config.maxInFlight() * lanes.holdingPerSubscription() / config.maxInFlightPerSubscription();
    }

    void start(@Observes StartupEvent started) {
        long interval = config.pollInterval().toMillis();
        loop.scheduleWithFixedDelay(() -> {
            lookAgain.set(true);
            deliverDue();
        }, interval, interval, TimeUnit.MILLISECONDS);
    }

    /**
     * Sends nothing more, gives back what waits for a slot, so that another replica sends it now rather than when its
     * lease ends, and waits for the answers on the wire to be recorded, so that they are not sent again.
     */
    void stop(@Observes ShutdownEvent shutdown) {
        stopping = true;
        try {
            loop.submit(() -> giveBack(lanes.forgetAll())).get(GIVING_BACK_AT_STOP.toMillis(), TimeUnit.MILLISECONDS);
            awaitRecorded(RECORDING_AT_STOP);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RejectedExecutionException e) {
            LOG.warnf(e, "Deliveries leased ahead were not given back; they are sent when their lease ends");
        } finally {
            loop.shutdownNow();
        }
    }

    private void awaitRecorded(Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        synchronized (allRecorded) {
            for (long left = within.toNanos(); inFlight.get() > 0 && left > 0; left = deadline - System.nanoTime()) {
                TimeUnit.NANOSECONDS.timedWait(allRecorded, left);
            }
        }
        if (inFlight.get() > 0) {
            LOG.warnf("%d deliveries sent were not recorded within %s of the stop; they are sent again when their "
                    + "lease ends", inFlight.get(), within);
        }
    }

    /**
     * A subscription was changed or deleted here: what was leased ahead for it carries its former URL and secret, so
     * it is given back, to be claimed again as the subscription is now.
     */
    void changed(@Observes(during = TransactionPhase.AFTER_SUCCESS) SubscriptionChanged change) {
        run(() -> {
            giveBack(lanes.forget(change.subscriptionId()));
            lookAgain.set(true);
            deliverDue();
        });
    }

    /** New deliveries were planned: looks for due ones now rather than at the next poll. */
    public void wake() {
        lookAgain.set(true);
        slotFreed();
    }

    /**
     * Sends what waits, and claims more if there may be some: wake-ups that come while one is queued join it, so a
     * burst of them costs one claim at most.
     */
    private void slotFreed() {
        if (woken.compareAndSet(false, true)) {
            if (!run(this::deliverDue)) {
                woken.set(false);
            }
        }
    }

    private boolean run(Runnable onLoop) {
        try {
            loop.execute(onLoop);
            return true;
        } catch (RejectedExecutionException loopEnded) {
            return false;
        }
    }

    void deliverDue() {
        woken.set(false);
        if (stopping) {
            return;
        }
        try {
            measureQueue();
            List<SubscriptionLanes.Waiting> overdue = new ArrayList<>();
            dispatch(overdue);
            int room = maxHeld - inFlight.get() - lanes.waitingInAll();
            boolean fresh = lookAgain.getAndSet(false);
            if (room > 0 && (fresh || lanes.wantsMore()
                    || lastClaimCutShort && room >= lanes.holdingPerSubscription())) {
                claim(room);
                dispatch(overdue);
            }
            giveBack(overdue);
        } catch (RuntimeException e) {
            LOG.warnf(e, "Looking for due webhook deliveries failed; trying again in %s", config.pollInterval());
        }
    }

    private void claim(int room) {
        Map<UUID, Integer> holds = lanes.holds();
        DeliveryService.Claim claim = deliveries.claim(room, lanes.holdingPerSubscription(), holds);
        Instant sendBy = aheadFor.isZero() ? claim.leaseUntil() : Instant.now().plus(aheadFor);
        lastClaimCutShort = claim.deliveries().size() >= room;
        lanes.claimed(claim.deliveries(), claim.leaseUntil(), sendBy, holds, lastClaimCutShort);
    }

    private void dispatch(List<SubscriptionLanes.Waiting> overdue) {
        lanes.dispatch(Instant.now(), () -> inFlight.get() < config.maxInFlight(), delivery -> {
            inFlight.incrementAndGet();
            send(delivery).whenComplete((attempt, failure) -> {
                // The receiver is done with it: its slot frees now, and the next of its deliveries may go while
                // this one stays leased until recorded.
                lanes.sent(delivery.subscriptionId());
                if (attempt != null) {
                    answered.add(attempt);
                    recordSoon();
                } else {
                    LOG.warnf(failure, "Delivery %s was not attempted; it is sent when its lease ends", delivery.id());
                    released(1);
                }
                slotFreed();
            });
        }, overdue::add);
    }

    private void giveBack(List<SubscriptionLanes.Waiting> waiting) {
        if (waiting.isEmpty()) {
            return;
        }
        try {
            deliveries.giveBack(waiting.stream().map(SubscriptionLanes.Waiting::lease).toList());
        } catch (RuntimeException e) {
            LOG.warnf(e, "%d deliveries leased ahead were not given back; they are sent when their lease ends",
                    waiting.size());
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
            released(batch.size());
            slotFreed();
        }
    }

    private void released(int deliveries) {
        if (inFlight.addAndGet(-deliveries) == 0) {
            synchronized (allRecorded) {
                allRecorded.notifyAll();
            }
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
        try {
            Map<String, String> headers = this.headers.of(delivery.eventId(), at.getEpochSecond(), delivery.payloadJson(),
                    delivery.secretSealed(), delivery.previousSecretSealed());
            return sender.post(delivery.url(), headers, delivery.payloadJson()).toCompletableFuture()
                    .thenApply(answer -> new DeliveryService.Attempt(delivery, at,
                            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), answer));
        } catch (RuntimeException notSent) {
            return CompletableFuture.failedFuture(notSent);
        }
    }
}
