package dev.switchboard.invocation.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.model.api.ErrorCode;
import dev.switchboard.model.server.RateLimits;
import dev.switchboard.model.server.ServerDefinition;
import dev.switchboard.model.transport.StdioTransport;
import dev.switchboard.platform.error.ApiException;
import dev.switchboard.platform.ratelimit.FixedWindows;
import dev.switchboard.platform.security.Caller;
import dev.switchboard.testsupport.MovableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The per-key limit counts a key's calls to every server; the per-server limits count every key's calls. */
class RateLimiterTest {

    private static final Caller ALICE = new Caller("alice-key", "user", "tenant-a", List.of());
    private static final Caller BOB = new Caller("bob-key", "user", "tenant-a", List.of());
    private static final Clock SYSTEM = Clock.systemUTC();

    private static ServerDefinition server(String name, RateLimits limits) {
        return new ServerDefinition(UUID.randomUUID(), null, name, null,
                new StdioTransport("node", List.of(), null), null, null, limits, null, null, null, true, null);
    }

    @Test
    void aKeysCallsToEveryServerCountAgainstItsOwnLimitOnly() {
        RateLimiter limiter = new RateLimiter(3, SYSTEM);
        ServerDefinition first = server("first", RateLimits.UNLIMITED);
        ServerDefinition second = server("second", RateLimits.UNLIMITED);

        assertEquals(2, limiter.acquire(first, ALICE).remaining());
        assertEquals(1, limiter.acquire(second, ALICE).remaining());
        assertEquals(0, limiter.acquire(first, ALICE).remaining());
        ApiException refused = assertThrows(ApiException.class, () -> limiter.acquire(second, ALICE));

        assertEquals(ErrorCode.RATE_LIMITED, refused.code());
        assertTrue(refused.getMessage().contains("this key"), refused.getMessage());
        assertEquals("3", refused.headers().get("X-RateLimit-Limit"));
        assertEquals("0", refused.headers().get("X-RateLimit-Remaining"));
        long retryAfter = Long.parseLong(refused.headers().get("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 60, "retry within the minute: " + retryAfter);
        assertEquals(2, limiter.acquire(first, BOB).remaining(), "another key has its own window");
    }

    @Test
    void reportsTheTightestWindowAndDoesNotCountARefusedCall() {
        RateLimiter limiter = new RateLimiter(100, SYSTEM);
        ServerDefinition narrow = server("narrow", new RateLimits(1, null));

        FixedWindows.Quota quota = limiter.acquire(narrow, ALICE);
        assertEquals(1, quota.limit());
        assertEquals(0, quota.remaining());
        ApiException refused = assertThrows(ApiException.class, () -> limiter.acquire(narrow, ALICE));
        assertTrue(refused.getMessage().contains("server narrow"), refused.getMessage());

        assertEquals(98, limiter.acquire(server("wide", RateLimits.UNLIMITED), ALICE).remaining(),
                "the key counted the call that passed and not the one refused");
    }

    @Test
    void aGlobalServersLimitIsCountedPerTenantWhileATenantsServerHasOneWindow() {
        RateLimiter limiter = new RateLimiter(100, SYSTEM);
        Caller carol = new Caller("carol-key", "user", "tenant-b", List.of());
        ServerDefinition global = server("shared", new RateLimits(2, null));
        ServerDefinition owned = new ServerDefinition(UUID.randomUUID(), UUID.randomUUID(), "owned", null,
                new StdioTransport("node", List.of(), null), null, null, new RateLimits(1, null), null, null, null, true, null);

        limiter.acquire(global, ALICE);
        limiter.acquire(global, BOB);
        assertThrows(ApiException.class, () -> limiter.acquire(global, ALICE), "tenant-a spent its two calls");
        assertEquals(1, limiter.acquire(global, carol).remaining(), "tenant-b has a window of its own");

        limiter.acquire(owned, ALICE);
        assertThrows(ApiException.class, () -> limiter.acquire(owned, BOB));
    }

    @Test
    void aKeysOwnLimitsReplaceTheDefaultAndItsDayLimitHolds() {
        RateLimiter limiter = new RateLimiter(100, SYSTEM);
        Caller paced = new Caller("paced-key", "user", "tenant-a", List.of(), null, new RateLimits(5, 2));
        ServerDefinition open = server("open", RateLimits.UNLIMITED);

        assertEquals(5, limiter.peek(paced).limit(), "the key's own minute, not the default");
        limiter.acquire(open, paced);
        assertEquals(0, limiter.acquire(open, paced).remaining(), "the day's two calls are the tightest window");
        ApiException refused = assertThrows(ApiException.class, () -> limiter.acquire(open, paced));
        assertEquals(ErrorCode.RATE_LIMITED, refused.code());
        assertEquals(3, limiter.peek(paced).remaining(), "the minute counted the two calls that passed");
        assertEquals(100, limiter.peek(ALICE).limit(), "a key without limits has the configured default");
    }

    @Test
    void peekingCountsNothing() {
        RateLimiter limiter = new RateLimiter(3, SYSTEM);
        limiter.peek(ALICE);
        limiter.peek(ALICE);
        assertEquals(3, limiter.peek(ALICE).remaining());
        assertEquals(2, limiter.acquire(server("any", RateLimits.UNLIMITED), ALICE).remaining());
    }

    @Test
    void aFullMinuteOpensAgainWhenTheNextMinuteBeginsAndSaysWhenThatIs() {
        MovableClock clock = new MovableClock("2026-11-30T10:15:42Z");
        RateLimiter limiter = new RateLimiter(2, clock);
        ServerDefinition any = server("any", RateLimits.UNLIMITED);
        limiter.acquire(any, ALICE);
        FixedWindows.Quota last = limiter.acquire(any, ALICE);
        assertEquals(Instant.parse("2026-11-30T10:16:00Z"), last.reset());

        ApiException refused = assertThrows(ApiException.class, () -> limiter.acquire(any, ALICE));
        assertEquals("18", refused.headers().get("Retry-After"), "the seconds left of the minute");
        assertEquals(String.valueOf(Instant.parse("2026-11-30T10:16:00Z").getEpochSecond()),
                refused.headers().get("X-RateLimit-Reset"));

        clock.advance(Duration.ofSeconds(17));
        assertThrows(ApiException.class, () -> limiter.acquire(any, ALICE), "still the same minute");
        clock.advance(Duration.ofSeconds(1));
        assertEquals(1, limiter.acquire(any, ALICE).remaining(), "a new minute, a new window");
    }

    @Test
    void aDayLimitHoldsAcrossMinutesUntilMidnightUtc() {
        MovableClock clock = new MovableClock("2026-11-30T23:58:30Z");
        RateLimiter limiter = new RateLimiter(100, clock);
        Caller daily = new Caller("daily-key", "user", "tenant-a", List.of(), null, new RateLimits(null, 2));
        ServerDefinition any = server("any", RateLimits.UNLIMITED);
        limiter.acquire(any, daily);
        clock.advance(Duration.ofMinutes(1));
        limiter.acquire(any, daily);

        ApiException refused = assertThrows(ApiException.class, () -> limiter.acquire(any, daily));
        assertEquals("30", refused.headers().get("Retry-After"), "until midnight UTC");
        clock.advance(Duration.ofSeconds(30));
        assertEquals(1, limiter.acquire(any, daily).remaining(), "a new day");
    }
}
