package dev.switchboard.webhook.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.webhook.repository.DeliveryRepository.Claimed;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SubscriptionLanesTest {

    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    private static final Instant LEASE = NOW.plusSeconds(60);

    private final SubscriptionLanes lanes = new SubscriptionLanes(2, 3);
    private final UUID subscription = UUID.randomUUID();
    private final List<Claimed> sent = new ArrayList<>();
    private final List<SubscriptionLanes.Waiting> overdue = new ArrayList<>();

    @Test
    void sendsNoMoreOfASubscriptionAtOnceThanItsSlotsAndTheNextAsOneFrees() {
        lanes.claimed(deliveries(subscription, 5), LEASE, NOW.plusSeconds(2), Map.of(), false);

        dispatch(NOW);
        assertEquals(2, sent.size(), "two slots");
        assertEquals(3, lanes.waitingInAll());

        lanes.sent(subscription);
        dispatch(NOW);
        assertEquals(3, sent.size(), "the freed slot takes the next in claim order");
        assertEquals("event-2", sent.get(2).eventId());
        assertEquals(Map.of(subscription, 4), lanes.holds(), "two on the wire, two waiting");
    }

    @Test
    void handsOverWhatWaitedPastItsTimeInsteadOfSendingIt() {
        lanes.claimed(deliveries(subscription, 4), LEASE, NOW.plusSeconds(2), Map.of(), false);
        dispatch(NOW);
        lanes.sent(subscription);
        lanes.sent(subscription);

        dispatch(NOW.plusSeconds(3));
        assertEquals(2, sent.size());
        assertEquals(List.of("event-2", "event-3"), overdue.stream().map(waiting -> waiting.delivery().eventId()).toList());
        assertEquals(LEASE, overdue.get(0).lease().until(), "given back under the lease it was claimed with");
        assertEquals(0, lanes.waitingInAll());
    }

    @Test
    void sendsNothingBeyondTheWorkersOverallRoom() {
        lanes.claimed(deliveries(subscription, 3), LEASE, NOW.plusSeconds(2), Map.of(), false);
        lanes.dispatch(NOW, () -> sent.isEmpty(), sent::add, overdue::add);
        assertEquals(1, sent.size());
        assertEquals(2, lanes.waitingInAll());
    }

    @Test
    void wantsMoreOnlyForASubscriptionThatMayHaveMoreDueAndRunsShort() {
        lanes.claimed(deliveries(subscription, 5), LEASE, NOW.plusSeconds(2), Map.of(), false);
        assertFalse(lanes.wantsMore(), "full: two to send and three waiting");

        dispatch(NOW);
        lanes.sent(subscription);
        lanes.sent(subscription);
        dispatch(NOW);
        assertTrue(lanes.wantsMore(), "it got all it asked for, so more may be due, and one is left waiting");

        lanes.claimed(List.of(), LEASE, NOW.plusSeconds(2), lanes.holds(), false);
        assertFalse(lanes.wantsMore(), "a claim found nothing more for it");
    }

    @Test
    void aClaimCutShortByItsOverallLimitSaysNothingOfWhatIsLeft() {
        lanes.claimed(deliveries(subscription, 5), LEASE, NOW.plusSeconds(2), Map.of(), false);
        dispatch(NOW);
        lanes.sent(subscription);
        lanes.sent(subscription);
        dispatch(NOW);

        lanes.claimed(List.of(), LEASE, NOW.plusSeconds(2), lanes.holds(), true);
        assertTrue(lanes.wantsMore());
    }

    @Test
    void forgetsWhatWaitsForAChangedSubscriptionAndLooksForItAgain() {
        UUID other = UUID.randomUUID();
        List<Claimed> claimed = new ArrayList<>(deliveries(subscription, 4));
        claimed.addAll(deliveries(other, 4));
        lanes.claimed(claimed, LEASE, NOW.plusSeconds(2), Map.of(), false);
        dispatch(NOW);

        assertEquals(2, lanes.forget(subscription).size());
        assertEquals(2, lanes.waitingInAll(), "the other subscription's still wait");
        assertTrue(lanes.wantsMore(), "the changed subscription is claimed for again");
        assertEquals(2, lanes.forgetAll().size());
        assertEquals(0, lanes.waitingInAll());
    }

    private void dispatch(Instant at) {
        lanes.dispatch(at, () -> true, sent::add, overdue::add);
    }

    private static List<Claimed> deliveries(UUID subscription, int count) {
        return IntStream.range(0, count).mapToObj(i -> new Claimed(UUID.randomUUID(), "event-" + i, "{}", 0, subscription,
                "http://127.0.0.1:1/hooks", "sealed", null, false)).toList();
    }
}
