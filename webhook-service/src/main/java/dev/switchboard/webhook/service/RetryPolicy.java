package dev.switchboard.webhook.service;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What an attempt's answer means for its delivery: 2xx delivered; 408, 429, 5xx and no answer at all retried on the
 * schedule (with up to 10% jitter, and no sooner than a {@code Retry-After} asks); 410 ends the subscription; any
 * other answer fails the delivery at once, since sending it again would be answered the same.
 */
public final class RetryPolicy {

    public enum Verdict { DELIVERED, RETRY, FAILED, GONE }

    /** The verdict, and when to try again for {@link Verdict#RETRY}. */
    public record Decision(Verdict verdict, Instant nextAttemptAt) {
    }

    private final List<Duration> schedule;

    public RetryPolicy(List<Duration> schedule) {
        this.schedule = List.copyOf(schedule);
    }

    /**
     * @param attemptsMade counting this one
     * @param status       the receiver's status code, or {@code null} when there was no answer
     * @param retryAfter   the receiver's {@code Retry-After}, or {@code null}
     */
    public Decision decide(int attemptsMade, Integer status, Duration retryAfter, Instant now) {
        if (status != null && status >= 200 && status < 300) {
            return new Decision(Verdict.DELIVERED, null);
        }
        if (status != null && status == 410) {
            return new Decision(Verdict.GONE, null);
        }
        boolean retriable = status == null || status == 408 || status == 429 || status >= 500;
        if (!retriable || attemptsMade > schedule.size()) {
            return new Decision(Verdict.FAILED, null);
        }
        Duration wait = schedule.get(attemptsMade - 1);
        long jitterMillis = wait.toMillis() / 10 == 0 ? 0 : ThreadLocalRandom.current().nextLong(wait.toMillis() / 10);
        wait = wait.plusMillis(jitterMillis);
        if (retryAfter != null && retryAfter.compareTo(wait) > 0) {
            wait = retryAfter;
        }
        return new Decision(Verdict.RETRY, now.plus(wait));
    }
}
