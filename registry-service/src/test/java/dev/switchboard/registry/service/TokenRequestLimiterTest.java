package dev.switchboard.registry.service;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.switchboard.platform.error.ApiException;
import dev.switchboard.testsupport.MovableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Fixed one-minute windows per key and per address, on a clock the test moves. */
class TokenRequestLimiterTest {

    @Test
    void aRefusedKeyIsAdmittedAgainWhenItsMinuteEnds() {
        MovableClock clock = new MovableClock("2026-11-30T10:00:10Z");
        TokenRequestLimiter limiter = new TokenRequestLimiter(2, 100, clock);
        limiter.admit("key-a", "192.0.2.1");
        limiter.admit("key-a", "192.0.2.2");

        ApiException refused = assertThrows(ApiException.class, () -> limiter.admit("key-a", "192.0.2.3"));
        assertEquals("50", refused.headers().get("Retry-After"), "the rest of the minute");

        clock.advance(Duration.ofSeconds(50));
        assertDoesNotThrow(() -> limiter.admit("key-a", "192.0.2.3"));
    }

    @Test
    void aRequestRefusedForItsAddressDoesNotSpendItsKeysMinute() {
        TokenRequestLimiter limiter = new TokenRequestLimiter(2, 1, new MovableClock("2026-11-30T10:00:10Z"));
        limiter.admit("key-a", "192.0.2.1");
        assertThrows(ApiException.class, () -> limiter.admit("key-b", "192.0.2.1"));

        limiter.admit("key-b", "192.0.2.2");
        limiter.admit("key-b", "192.0.2.3");
        assertThrows(ApiException.class, () -> limiter.admit("key-b", "192.0.2.4"), "the key's two requests are spent");
    }
}
