package dev.switchboard.model.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ReconnectPolicyTest {

    @Test
    void multipliesTheDelayAfterEachFailureUpToTheMaximum() {
        ReconnectPolicy policy = new ReconnectPolicy(true, 0, 100, 1_000, 3.0);
        assertEquals(List.of(100L, 300L, 900L, 1_000L, 1_000L),
                IntStream.rangeClosed(1, 5).mapToObj(policy::delayAfter).toList());
        assertEquals(1_000L, policy.delayAfter(10_000), "no overflow after many failures");
    }

    @Test
    void defaultsTheMultiplierToTwo() {
        ReconnectPolicy policy = new ReconnectPolicy(true, 0, 100, 1_000, null);
        assertEquals(List.of(100L, 200L, 400L), IntStream.rangeClosed(1, 3).mapToObj(policy::delayAfter).toList());
    }

    @Test
    void makesMaxAttemptsMoreAttemptsAfterTheFirstFailure() {
        ReconnectPolicy policy = new ReconnectPolicy(true, 2, 100, 1_000, 2.0);
        assertTrue(policy.triesAgainAfter(1));
        assertTrue(policy.triesAgainAfter(2));
        assertFalse(policy.triesAgainAfter(3));
    }

    @Test
    void keepsTryingWithoutAMaximumAndNeverWhenDisabled() {
        assertTrue(new ReconnectPolicy(true, 0, 100, 1_000, 2.0).triesAgainAfter(1_000_000));
        assertFalse(new ReconnectPolicy(false, 5, 100, 1_000, 2.0).triesAgainAfter(1));
    }
}
