package dev.switchboard.registry.service;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.switchboard.platform.error.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Fixed one-minute windows per key and per address, on a clock the test moves. */
class TokenRequestLimiterTest {

    private static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2026-11-30T10:00:10Z");

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    @Test
    void aRefusedKeyIsAdmittedAgainWhenItsMinuteEnds() {
        MovableClock clock = new MovableClock();
        TokenRequestLimiter limiter = new TokenRequestLimiter(2, 100, clock);
        limiter.admit("key-a", "192.0.2.1");
        limiter.admit("key-a", "192.0.2.2");

        ApiException refused = assertThrows(ApiException.class, () -> limiter.admit("key-a", "192.0.2.3"));
        assertEquals("50", refused.headers().get("Retry-After"), "the rest of the minute");

        clock.now = clock.now.plus(Duration.ofSeconds(50));
        assertDoesNotThrow(() -> limiter.admit("key-a", "192.0.2.3"));
    }

    @Test
    void aRequestRefusedForItsAddressDoesNotSpendItsKeysMinute() {
        TokenRequestLimiter limiter = new TokenRequestLimiter(2, 1, new MovableClock());
        limiter.admit("key-a", "192.0.2.1");
        assertThrows(ApiException.class, () -> limiter.admit("key-b", "192.0.2.1"));

        limiter.admit("key-b", "192.0.2.2");
        limiter.admit("key-b", "192.0.2.3");
        assertThrows(ApiException.class, () -> limiter.admit("key-b", "192.0.2.4"), "the key's two requests are spent");
    }
}
