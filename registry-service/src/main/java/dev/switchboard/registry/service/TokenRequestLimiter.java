package dev.switchboard.registry.service;

import dev.switchboard.model.api.ErrorCode;
import dev.switchboard.platform.error.ApiException;
import dev.switchboard.registry.config.RegistryConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Limits {@code /auth/token} per API key and per client address, in fixed one-minute windows counted in this
 * replica's memory: a key or an address that asks too often is answered 429 until its minute ends.
 */
@ApplicationScoped
public class TokenRequestLimiter {

    private record Window(Instant end, int used) {
    }

    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final int perKey;
    private final int perAddress;
    private final Clock clock;
    private volatile Instant nextPurge = Instant.MIN;

    @Inject
    public TokenRequestLimiter(RegistryConfig config) {
        this(config.tokens().requestsPerKeyPerMinute(), config.tokens().requestsPerAddressPerMinute(), Clock.systemUTC());
    }

    TokenRequestLimiter(int perKey, int perAddress, Clock clock) {
        this.perKey = perKey;
        this.perAddress = perAddress;
        this.clock = clock;
    }

    /**
     * Counts a request, or refuses it without counting it.
     *
     * @param keyHash       the hash of the key presented, known or not
     * @param clientAddress where the request came from; absent when unknown, which only the key's limit then covers
     */
    public void admit(String keyHash, String clientAddress) {
        Instant now = clock.instant();
        Instant end = now.truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
        count("key:" + keyHash, perKey, end, now, "this API key");
        if (clientAddress != null) {
            try {
                count("address:" + clientAddress, perAddress, end, now, "this address");
            } catch (ApiException refused) {
                windows.computeIfPresent("key:" + keyHash, (key, window) -> new Window(window.end(), window.used() - 1));
                throw refused;
            }
        }
        if (now.isAfter(nextPurge)) {
            windows.values().removeIf(window -> !window.end().isAfter(now));
            nextPurge = now.plus(1, ChronoUnit.MINUTES);
        }
    }

    private void count(String key, int max, Instant end, Instant now, String who) {
        boolean[] admitted = {false};
        windows.compute(key, (name, window) -> {
            Window current = window == null || !window.end().equals(end) ? new Window(end, 0) : window;
            if (current.used() >= max) {
                return current;
            }
            admitted[0] = true;
            return new Window(end, current.used() + 1);
        });
        if (!admitted[0]) {
            long retryAfter = Math.max(1, now.until(end, ChronoUnit.SECONDS));
            throw new ApiException(ErrorCode.RATE_LIMITED, "too many token requests from " + who + ": " + max
                    + " a minute; retry in " + retryAfter + " s", List.of(), Map.of("Retry-After", String.valueOf(retryAfter)));
        }
    }
}
