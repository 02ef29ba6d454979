package dev.switchboard.invocation.service;

import dev.switchboard.invocation.config.InvocationConfig;
import dev.switchboard.model.api.ErrorCode;
import dev.switchboard.model.server.ServerDefinition;
import dev.switchboard.platform.error.ApiException;
import dev.switchboard.platform.ratelimit.FixedWindows.Admission;
import dev.switchboard.platform.ratelimit.FixedWindows.Limit;
import dev.switchboard.platform.ratelimit.FixedWindows.Quota;
import dev.switchboard.platform.ratelimit.FixedWindows.Span;
import dev.switchboard.platform.ratelimit.FixedWindows;
import dev.switchboard.platform.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Fixed-window limits, counted in this replica's memory: each server's {@code requestsPerMinute} and
 * {@code requestsPerDay} (for a global server, counted per tenant), and each key's: the limits set on the key, or the
 * configured per-minute default when it has none. A call is refused (429, with {@code Retry-After}) when
 * any of its windows is full, and counts against all of them when it is let through. With several replicas each
 * counts its own calls, so a limit holds per replica: the README says how to size it.
 */
@ApplicationScoped
public class RateLimiter {

    private final FixedWindows windows;
    private final int perKeyPerMinute;

    @Inject
    public RateLimiter(InvocationConfig config) {
        this(config.rateLimits().perKeyPerMinute(), Clock.systemUTC());
    }

    RateLimiter(int perKeyPerMinute, Clock clock) {
        this.windows = new FixedWindows(clock);
        this.perKeyPerMinute = perKeyPerMinute;
    }

    /** Counts the call, or throws 429 without counting it. */
    public Quota acquire(ServerDefinition server, Caller caller) {
        List<Limit> limits = new ArrayList<>(4);
        limits.add(keyMinute(caller));
        if (caller.rateLimits().requestsPerDay() != null) {
            limits.add(new Limit("key:" + caller.keyId() + ":day", caller.rateLimits().requestsPerDay(), Span.DAY));
        }
        if (server.rateLimits().requestsPerMinute() != null) {
            limits.add(new Limit(serverKey(server, caller) + ":minute", server.rateLimits().requestsPerMinute(), Span.MINUTE));
        }
        if (server.rateLimits().requestsPerDay() != null) {
            limits.add(new Limit(serverKey(server, caller) + ":day", server.rateLimits().requestsPerDay(), Span.DAY));
        }
        Admission admission = windows.admit(limits);
        if (!admission.admitted()) {
            long retryAfter = admission.quota().secondsLeft(windows.now());
            Map<String, String> headers = new HashMap<>(admission.quota().headers());
            headers.put("Retry-After", String.valueOf(retryAfter));
            throw new ApiException(ErrorCode.RATE_LIMITED, "rate limit of " + admission.quota().limit()
                    + " calls reached for " + (admission.refusedBy().key().startsWith("key:") ? "this key"
                    : "server " + server.name()) + "; retry in " + retryAfter + " s", List.of(), headers);
        }
        return admission.quota();
    }

    /** What is left of the key's minute, without counting a call: every response reports it. */
    public Quota peek(Caller caller) {
        return windows.peek(keyMinute(caller));
    }

    private Limit keyMinute(Caller caller) {
        Integer own = caller.rateLimits().requestsPerMinute();
        return new Limit("key:" + caller.keyId() + ":minute", own == null ? perKeyPerMinute : own, Span.MINUTE);
    }

    /**
     * A tenant's server has one window; a global server one per tenant that uses it, so that one tenant cannot spend
     * what the server allows the others.
     */
    private static String serverKey(ServerDefinition server, Caller caller) {
        return server.tenantId() == null ? "server:" + server.id() + ":tenant:" + caller.tenantId() : "server:" + server.id();
    }
}
