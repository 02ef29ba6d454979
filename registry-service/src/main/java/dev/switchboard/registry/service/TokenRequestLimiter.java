package dev.switchboard.registry.service;

import dev.switchboard.model.api.ErrorCode;
import dev.switchboard.platform.error.ApiException;
import dev.switchboard.platform.ratelimit.FixedWindows.Admission;
import dev.switchboard.platform.ratelimit.FixedWindows.Limit;
import dev.switchboard.platform.ratelimit.FixedWindows.Span;
import dev.switchboard.platform.ratelimit.FixedWindows;
import dev.switchboard.registry.config.RegistryConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Limits {@code /auth/token} per API key and per client address, in fixed one-minute windows counted in this
 * replica's memory: a key or an address that asks too often is answered 429 until its minute ends.
 */
@ApplicationScoped
public class TokenRequestLimiter {

    private final FixedWindows windows;
    private final int perKey;
    private final int perAddress;

    @Inject
    public TokenRequestLimiter(RegistryConfig config) {
        this(config.tokens().requestsPerKeyPerMinute(), config.tokens().requestsPerAddressPerMinute(), Clock.systemUTC());
    }

    TokenRequestLimiter(int perKey, int perAddress, Clock clock) {
        this.windows = new FixedWindows(clock);
        this.perKey = perKey;
        this.perAddress = perAddress;
    }

    /**
     * Counts a request, or refuses it without counting it.
     *
     * @param keyHash       the hash of the key presented, known or not
     * @param clientAddress where the request came from; absent when unknown, which only the key's limit then covers
     */
    public void admit(String keyHash, String clientAddress) {
        Limit key = new Limit("key:" + keyHash, perKey, Span.MINUTE);
        Admission admission = windows.admit(clientAddress == null ? List.of(key)
                : List.of(key, new Limit("address:" + clientAddress, perAddress, Span.MINUTE)));
        if (!admission.admitted()) {
            long retryAfter = admission.quota().secondsLeft(windows.now());
            throw new ApiException(ErrorCode.RATE_LIMITED, "too many token requests from "
                    + (key.equals(admission.refusedBy()) ? "this API key" : "this address") + ": " + admission.quota().limit()
                    + " a minute; retry in " + retryAfter + " s", List.of(),
                    Map.of("Retry-After", String.valueOf(retryAfter)));
        }
    }
}
