package dev.switchboard.webhook.service;

import dev.switchboard.webhook.repository.DeliveryRepository.Claimed;
import dev.switchboard.webhook.repository.DeliveryRepository.Lease;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * What the worker holds of each subscription: how many of its deliveries are on the wire, and those leased ahead that
 * wait, in the order they were claimed, for one of its slots. Everything but {@link #sent} runs on the worker's one
 * loop thread; a send ends on whatever thread its answer came.
 */
final class SubscriptionLanes {

    /** A delivery leased ahead, to be sent by {@code sendBy} or given back while the lease is still this worker's. */
    record Waiting(Claimed delivery, Instant leaseUntil, Instant sendBy) {

        Lease lease() {
            return new Lease(delivery.id(), leaseUntil);
        }
    }

    private static final class Lane {
        final AtomicInteger sending = new AtomicInteger();
        final ArrayDeque<Waiting> waiting = new ArrayDeque<>();
        /** Its last claim found fewer due deliveries than it had room for: claiming for it again is of no use yet. */
        boolean drained;

        int holds() {
            return sending.get() + waiting.size();
        }
    }

    private final Map<UUID, Lane> lanes = new ConcurrentHashMap<>();
    private final int sendingPerSubscription;
    private final int holdingPerSubscription;
    private int waitingInAll;

    SubscriptionLanes(int sendingPerSubscription, int aheadPerSubscription) {
        this.sendingPerSubscription = sendingPerSubscription;
        this.holdingPerSubscription = sendingPerSubscription + aheadPerSubscription;
    }

    /** How many deliveries one subscription may have claimed by this worker at once: in flight and waiting. */
    int holdingPerSubscription() {
        return holdingPerSubscription;
    }

    int waitingInAll() {
        return waitingInAll;
    }

    /** What each subscription holds now, as a claim must count it. */
    Map<UUID, Integer> holds() {
        Map<UUID, Integer> holds = new HashMap<>();
        lanes.forEach((subscription, lane) -> {
            if (lane.holds() > 0) {
                holds.put(subscription, lane.holds());
            }
        });
        return holds;
    }

    /**
     * Queues what a claim returned. When the claim was not cut short by its overall limit, a subscription that got
     * fewer than it had room for (by the {@code holds} the claim counted) has nothing more due for now.
     */
    void claimed(List<Claimed> deliveries, Instant leaseUntil, Instant sendBy, Map<UUID, Integer> holds,
                 boolean cutShort) {
        Map<UUID, Integer> got = new HashMap<>();
        for (Claimed delivery : deliveries) {
            lanes.computeIfAbsent(delivery.subscriptionId(), id -> new Lane()).waiting
                    .add(new Waiting(delivery, leaseUntil, sendBy));
            got.merge(delivery.subscriptionId(), 1, Integer::sum);
        }
        waitingInAll += deliveries.size();
        lanes.forEach((subscription, lane) -> {
            int room = holdingPerSubscription - holds.getOrDefault(subscription, 0);
            int received = got.getOrDefault(subscription, 0);
            if (received >= room) {
                lane.drained = false;
            } else if (!cutShort) {
                lane.drained = true;
            }
        });
    }

    /**
     * Hands each waiting delivery that has a free slot of its subscription, while {@code room} allows, to
     * {@code send}, and those whose time to be sent has passed to {@code overdue}. Lanes that hold nothing and have
     * nothing due are dropped.
     */
    void dispatch(Instant now, BooleanSupplier room, Consumer<Claimed> send, Consumer<Waiting> overdue) {
        for (Map.Entry<UUID, Lane> entry : lanes.entrySet()) {
            Lane lane = entry.getValue();
            while (!lane.waiting.isEmpty() && lane.sending.get() < sendingPerSubscription) {
                Waiting next = lane.waiting.peek();
                if (now.isAfter(next.sendBy())) {
                    overdue.accept(take(lane));
                } else if (room.getAsBoolean()) {
                    lane.sending.incrementAndGet();
                    send.accept(take(lane).delivery());
                } else {
                    return;
                }
            }
            if (lane.drained && lane.holds() == 0) {
                lanes.remove(entry.getKey());
            }
        }
    }

    /** A send of the subscription's has ended, and its slot is free. */
    void sent(UUID subscription) {
        lanes.get(subscription).sending.decrementAndGet();
    }

    /** Whether a subscription that may have more due is running short of waiting deliveries. */
    boolean wantsMore() {
        int lowWater = (holdingPerSubscription - sendingPerSubscription) / 2;
        for (Lane lane : lanes.values()) {
            if (!lane.drained && lane.waiting.size() <= lowWater && lane.holds() < holdingPerSubscription) {
                return true;
            }
        }
        return false;
    }

    /** Takes out what waits for the subscription: it changed, and what was claimed for it may no longer be right. */
    List<Waiting> forget(UUID subscription) {
        Lane lane = lanes.get(subscription);
        if (lane == null) {
            return List.of();
        }
        List<Waiting> taken = new ArrayList<>();
        while (!lane.waiting.isEmpty()) {
            taken.add(take(lane));
        }
        lane.drained = false;
        return taken;
    }

    /** Takes out everything that waits, for the worker to give back as it stops. */
    List<Waiting> forgetAll() {
        List<Waiting> taken = new ArrayList<>();
        lanes.keySet().forEach(subscription -> taken.addAll(forget(subscription)));
        return taken;
    }

    private Waiting take(Lane lane) {
        waitingInAll--;
        return lane.waiting.poll();
    }
}
