package dev.switchboard.invocation.service;

import dev.switchboard.invocation.config.InvocationConfig;
import dev.switchboard.model.api.ErrorCode;
import dev.switchboard.model.server.ServerDefinition;
import dev.switchboard.platform.error.ApiException;
import dev.switchboard.platform.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fixed-window limits, counted in this replica's memory: each server's {@code requestsPerMinute} and
 * {@code requestsPerDay} (for a global server, counted per tenant), and each key's: the limits set on the key, or the
 * configured per-minute default when it has none. A call is refused (429, with {@code Retry-After}) when
 * any of its windows is full, and counts against all of them when it is let through. With several replicas each
 * counts its own calls, so a limit holds per replica: the README says how to size it.
 */
@ApplicationScoped
public class RateLimiter {

    public static final String LIMIT_HEADER = "X-RateLimit-Limit";

    /** The tightest window a call passed through, as the {@code X-RateLimit-*} headers report it. */
    public record Quota(long limit, long remaining, Instant reset) {

        public Map<String, String> headers() {
            return Map.of(LIMIT_HEADER, String.valueOf(limit),
                    "X-RateLimit-Remaining", String.valueOf(remaining),
                    "X-RateLimit-Reset", String.valueOf(reset.getEpochSecond()));
        }
    }

    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final int perKeyPerMinute;
    private final Clock clock;
    /** Expired windows are dropped now and then rather than looked for on every call. */
    private Instant nextPurge = Instant.MIN;

    @Inject
    public RateLimiter(InvocationConfig config) {
        this(config.rateLimits().perKeyPerMinute(), Clock.systemUTC());
    }

    RateLimiter(int perKeyPerMinute, Clock clock) {
        this.perKeyPerMinute = perKeyPerMinute;
        this.clock = clock;
    }

    /** Counts the call, or throws 429 without counting it. */
    public synchronized Quota acquire(ServerDefinition server, Caller caller) {
        Instant now = clock.instant();
        List<Limit> limits = new ArrayList<>();
        limits.add(keyMinute(caller, now));
        if (caller.rateLimits().requestsPerDay() != null) {
            limits.add(new Limit("key:" + caller.keyId() + ":day", caller.rateLimits().requestsPerDay(),
                    now.truncatedTo(ChronoUnit.DAYS).plus(1, ChronoUnit.DAYS)));
        }
        if (server.rateLimits().requestsPerMinute() != null) {
            limits.add(new Limit(serverKey(server, caller) + ":minute", server.rateLimits().requestsPerMinute(),
                    now.truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES)));
        }
        if (server.rateLimits().requestsPerDay() != null) {
            limits.add(new Limit(serverKey(server, caller) + ":day", server.rateLimits().requestsPerDay(),
                    now.truncatedTo(ChronoUnit.DAYS).plus(1, ChronoUnit.DAYS)));
        }
        List<Quota> quotas = new ArrayList<>();
        for (Limit limit : limits) {
            Window window = windows.compute(limit.key(), (key, current) ->
                    current == null || !current.reset().equals(limit.reset()) ? new Window(limit.reset(), 0) : current);
            if (window.used() >= limit.max()) {
                long retryAfter = Math.max(1, now.until(limit.reset(), ChronoUnit.SECONDS));
                Quota full = new Quota(limit.max(), 0, limit.reset());
                Map<String, String> headers = new HashMap<>(full.headers());
                headers.put("Retry-After", String.valueOf(retryAfter));
                throw new ApiException(ErrorCode.RATE_LIMITED, "rate limit of " + limit.max() + " calls reached for "
                        + (limit.key().startsWith("key:") ? "this key" : "server " + server.name()) + "; retry in "
                        + retryAfter + " s", List.of(), headers);
            }
            quotas.add(new Quota(limit.max(), limit.max() - window.used() - 1, limit.reset()));
        }
        limits.forEach(limit -> windows.computeIfPresent(limit.key(), (key, window) -> new Window(window.reset(), window.used() + 1)));
        if (now.isAfter(nextPurge)) {
            windows.entrySet().removeIf(entry -> entry.getValue().reset().isBefore(now));
            nextPurge = now.plus(1, ChronoUnit.MINUTES);
        }
        return quotas.stream().min(Comparator.comparingLong(Quota::remaining)).orElseThrow();
    }

    /** What is left of the key's minute, without counting a call: every response reports it. */
    public synchronized Quota peek(Caller caller) {
        Limit limit = keyMinute(caller, clock.instant());
        Window window = windows.get(limit.key());
        long used = window == null || !window.reset().equals(limit.reset()) ? 0 : window.used();
        return new Quota(limit.max(), Math.max(0, limit.max() - used), limit.reset());
    }

    private Limit keyMinute(Caller caller, Instant now) {
        Integer own = caller.rateLimits().requestsPerMinute();
        return new Limit("key:" + caller.keyId() + ":minute", own == null ? perKeyPerMinute : own,
                now.truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES));
    }

    /**
     * A tenant's server has one window; a global server one per tenant that uses it, so that one tenant cannot spend
     * what the server allows the others.
     */
    private static String serverKey(ServerDefinition server, Caller caller) {
        return server.tenantId() == null ? "server:" + server.id() + ":tenant:" + caller.tenantId() : "server:" + server.id();
    }

    private record Limit(String key, long max, Instant reset) {
    }

    private record Window(Instant reset, long used) {
    }
}
