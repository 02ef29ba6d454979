package dev.switchboard.invocation.rest;

import dev.switchboard.invocation.service.RateLimiter;
import dev.switchboard.platform.ratelimit.FixedWindows;
import dev.switchboard.platform.security.Caller;
import dev.switchboard.platform.security.CurrentCaller;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Every answer to an authenticated caller says how much of its key's minute is left ({@code X-RateLimit-*}), as the
 * references do, so that a client can pace itself before its first 429. An answer that counted a call (invoke,
 * {@code tools/call}) carries that call's tighter quota instead.
 */
@ApplicationScoped
public class RateLimitHeaders {

    private final RateLimiter limiter;

    public RateLimitHeaders(RateLimiter limiter) {
        this.limiter = limiter;
    }

    void install(@Observes Router router) {
        // First of all routes, so that it sees every answer; the headers are read at the end, after authentication.
        router.route().order(Integer.MIN_VALUE).handler(context -> {
            context.addHeadersEndHandler(ignored -> report(context));
            context.next();
        });
    }

    private void report(RoutingContext context) {
        if (context.response().headers().contains(FixedWindows.Quota.LIMIT_HEADER)
                || !(context.user() instanceof QuarkusHttpUser user)
                || !(user.getSecurityIdentity().getPrincipal() instanceof JsonWebToken token)) {
            return;
        }
        Caller caller = CurrentCaller.of(token);
        if (caller.keyId() != null) {
            limiter.peek(caller).headers().forEach(context.response()::putHeader);
        }
    }
}
