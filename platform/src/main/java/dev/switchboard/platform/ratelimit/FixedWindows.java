package dev.switchboard.platform.ratelimit;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Fixed-window request counters in this replica's memory, for every rate limit Switchboard keeps. A request names
 * each window it must fit in and is counted in all of them or, when any is full, in none: a refused request spends
 * nothing. Windows end with the clock's minute or UTC day; ended ones are dropped now and then, not on every request.
 */
public final class FixedWindows {

    /** How long a window lasts; each ends on the clock's boundary, so every replica's windows end together. */
    public enum Span {
        MINUTE(ChronoUnit.MINUTES), DAY(ChronoUnit.DAYS);

        private final ChronoUnit unit;

        Span(ChronoUnit unit) {
            this.unit = unit;
        }

        Instant endAfter(Instant now) {
            return now.truncatedTo(unit).plus(1, unit);
        }
    }

    /** A window a request must fit in: at most {@code max} requests per {@code span} under {@code key}. */
    public record Limit(String key, long max, Span span) {
    }

    /** What is left of a window, as the {@code X-RateLimit-*} headers report it. */
    public record Quota(long limit, long remaining, Instant reset) {

        public static final String LIMIT_HEADER = "X-RateLimit-Limit";

        public Map<String, String> headers() {
            return Map.of(LIMIT_HEADER, String.valueOf(limit),
                    "X-RateLimit-Remaining", String.valueOf(remaining),
                    "X-RateLimit-Reset", String.valueOf(reset.getEpochSecond()));
        }

        /** Whole seconds until the window ends, at least one: what {@code Retry-After} says. */
        public long secondsLeft(Instant now) {
            return Math.max(1, now.until(reset, ChronoUnit.SECONDS));
        }
    }

    /**
     * @param quota     for an admitted request, the window with the least left once it is counted; for a refused
     *                  one, the full window
     * @param refusedBy the limit whose window was full, or {@code null} when the request was admitted
     */
    public record Admission(Quota quota, Limit refusedBy) {

        public boolean admitted() {
            return refusedBy == null;
        }
    }

    private record Window(Instant reset, long used) {
    }

    private final Map<String, Window> windows = new HashMap<>();
    private final Clock clock;
    private Instant nextPurge = Instant.MIN;

    public FixedWindows(Clock clock) {
        this.clock = clock;
    }

    public Instant now() {
        return clock.instant();
    }

    /** Counts a request in every window of {@code limits}, or in none when one of them is full. */
    public synchronized Admission admit(List<Limit> limits) {
        Instant now = clock.instant();
        purgeIfDue(now);
        List<Quota> left = new ArrayList<>(limits.size());
        for (Limit limit : limits) {
            Quota quota = quota(limit, now);
            if (quota.remaining() == 0) {
                return new Admission(quota, limit);
            }
            left.add(new Quota(quota.limit(), quota.remaining() - 1, quota.reset()));
        }
        for (int i = 0; i < limits.size(); i++) {
            windows.put(limits.get(i).key(), new Window(left.get(i).reset(), left.get(i).limit() - left.get(i).remaining()));
        }
        return new Admission(left.stream().min(Comparator.comparingLong(Quota::remaining)).orElseThrow(), null);
    }

    /** What is left of a window, without counting a request. */
    public synchronized Quota peek(Limit limit) {
        return quota(limit, clock.instant());
    }

    private Quota quota(Limit limit, Instant now) {
        Instant reset = limit.span().endAfter(now);
        Window window = windows.get(limit.key());
        long used = window == null || !window.reset().equals(reset) ? 0 : window.used();
        return new Quota(limit.max(), Math.max(0, limit.max() - used), reset);
    }

    private void purgeIfDue(Instant now) {
        if (now.isAfter(nextPurge)) {
            windows.values().removeIf(window -> !window.reset().isAfter(now));
            nextPurge = now.plus(1, ChronoUnit.MINUTES);
        }
    }
}
