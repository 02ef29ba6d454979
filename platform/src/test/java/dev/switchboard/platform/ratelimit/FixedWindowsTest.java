package dev.switchboard.platform.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.platform.ratelimit.FixedWindows.Admission;
import dev.switchboard.platform.ratelimit.FixedWindows.Limit;
import dev.switchboard.platform.ratelimit.FixedWindows.Span;
import dev.switchboard.testsupport.MovableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The counting rule under every rate limit: all windows or none, each ending on the clock's minute or UTC day. */
class FixedWindowsTest {

    private static final Limit WIDE = new Limit("wide", 3, Span.MINUTE);
    private static final Limit NARROW = new Limit("narrow", 1, Span.MINUTE);

    @Test
    void reportsTheWindowWithLeastLeft() {
        FixedWindows windows = new FixedWindows(new MovableClock("2026-11-30T10:00:10Z"));

        Admission admission = windows.admit(List.of(WIDE, NARROW));

        assertTrue(admission.admitted());
        assertNull(admission.refusedBy());
        assertEquals(1, admission.quota().limit());
        assertEquals(0, admission.quota().remaining());
        assertEquals(Instant.parse("2026-11-30T10:01:00Z"), admission.quota().reset());
    }

    @Test
    void aRequestRefusedByOneWindowCountsInNone() {
        FixedWindows windows = new FixedWindows(new MovableClock("2026-11-30T10:00:10Z"));
        windows.admit(List.of(NARROW));

        Admission refused = windows.admit(List.of(WIDE, NARROW));

        assertFalse(refused.admitted());
        assertEquals(NARROW, refused.refusedBy());
        assertEquals(0, refused.quota().remaining());
        assertEquals(3, windows.peek(WIDE).remaining(), "the wide window did not count the refused request");
    }

    @Test
    void peekingCountsNothing() {
        FixedWindows windows = new FixedWindows(new MovableClock("2026-11-30T10:00:10Z"));
        windows.peek(NARROW);
        windows.peek(NARROW);

        assertTrue(windows.admit(List.of(NARROW)).admitted());
    }

    @Test
    void aMinuteWindowOpensAgainOnTheNextMinute() {
        MovableClock clock = new MovableClock("2026-11-30T10:00:59.500Z");
        FixedWindows windows = new FixedWindows(clock);
        windows.admit(List.of(NARROW));
        Admission refused = windows.admit(List.of(NARROW));
        assertEquals(1, refused.quota().secondsLeft(clock.instant()), "Retry-After never says zero");

        clock.advance(Duration.ofMillis(500));

        Admission next = windows.admit(List.of(NARROW));
        assertTrue(next.admitted());
        assertEquals(Instant.parse("2026-11-30T10:02:00Z"), next.quota().reset());
    }

    @Test
    void aDayWindowEndsAtUtcMidnight() {
        MovableClock clock = new MovableClock("2026-11-30T23:59:30Z");
        FixedWindows windows = new FixedWindows(clock);
        Limit daily = new Limit("daily", 1, Span.DAY);
        windows.admit(List.of(daily));
        Admission refused = windows.admit(List.of(daily));
        assertEquals(Instant.parse("2026-12-01T00:00:00Z"), refused.quota().reset());
        assertEquals(30, refused.quota().secondsLeft(clock.instant()));

        clock.advance(Duration.ofSeconds(30));

        assertTrue(windows.admit(List.of(daily)).admitted());
    }

    @Test
    void windowsWithDifferentKeysAreApart() {
        FixedWindows windows = new FixedWindows(new MovableClock("2026-11-30T10:00:10Z"));
        windows.admit(List.of(NARROW));

        assertTrue(windows.admit(List.of(new Limit("another", 1, Span.MINUTE))).admitted());
    }

    @Test
    void headersSayLimitRemainingAndResetInEpochSeconds() {
        FixedWindows windows = new FixedWindows(new MovableClock("2026-11-30T10:00:10Z"));

        Map<String, String> headers = windows.admit(List.of(WIDE)).quota().headers();

        assertEquals(Map.of("X-RateLimit-Limit", "3", "X-RateLimit-Remaining", "2",
                "X-RateLimit-Reset", String.valueOf(Instant.parse("2026-11-30T10:01:00Z").getEpochSecond())), headers);
    }
}
