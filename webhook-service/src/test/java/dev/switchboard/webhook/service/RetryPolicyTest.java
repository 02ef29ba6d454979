package dev.switchboard.webhook.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private static final Instant NOW = Instant.parse("2026-11-30T00:00:00Z");
    private final RetryPolicy policy = new RetryPolicy(List.of(Duration.ofSeconds(5), Duration.ofMinutes(5)));

    private RetryPolicy.Verdict verdict(int attempts, Integer status) {
        return policy.decide(attempts, status, null, NOW).verdict();
    }

    @Test
    void a2xxIsDeliveredAnd410EndsTheSubscription() {
        assertEquals(RetryPolicy.Verdict.DELIVERED, verdict(1, 200));
        assertEquals(RetryPolicy.Verdict.DELIVERED, verdict(3, 204));
        assertEquals(RetryPolicy.Verdict.GONE, verdict(1, 410));
    }

    @Test
    void retriesNoAnswerTimeoutsThrottlingAndServerErrorsUntilTheScheduleEnds() {
        for (Integer status : new Integer[] {null, 408, 429, 500, 503}) {
            assertEquals(RetryPolicy.Verdict.RETRY, verdict(1, status), "status " + status);
            assertEquals(RetryPolicy.Verdict.RETRY, verdict(2, status), "status " + status);
            assertEquals(RetryPolicy.Verdict.FAILED, verdict(3, status), "status " + status);
        }
    }

    @Test
    void otherAnswersFailAtOnce() {
        for (int status : new int[] {301, 302, 400, 401, 403, 404, 413, 422}) {
            assertEquals(RetryPolicy.Verdict.FAILED, verdict(1, status), "status " + status);
        }
    }

    @Test
    void waitsTheScheduleWithAtMostATenthMoreAndNoLessThanRetryAfter() {
        Instant next = policy.decide(2, 503, null, NOW).nextAttemptAt();
        assertFalse(next.isBefore(NOW.plus(Duration.ofMinutes(5))), next.toString());
        assertFalse(next.isAfter(NOW.plus(Duration.ofSeconds(330))), next.toString());
        assertEquals(NOW.plus(Duration.ofHours(1)), policy.decide(1, 429, Duration.ofHours(1), NOW).nextAttemptAt());
    }
}
