package dev.switchboard.platform.error;

import jakarta.inject.Provider;
import jakarta.inject.Singleton;

/**
 * {@code switchboard.http.max-body-bytes}, read at the first request and kept: the REST layer builds its filters
 * before runtime configuration exists, and a configuration mapping asked for through a {@link Provider} is a new
 * bean instance every time.
 */
@Singleton
public class BodyLimit {

    private static final long UNREAD = -1;

    private final Provider<HttpLimits> limits;
    private volatile long maxBodyBytes = UNREAD;

    public BodyLimit(Provider<HttpLimits> limits) {
        this.limits = limits;
    }

    public long maxBodyBytes() {
        long known = maxBodyBytes;
        if (known == UNREAD) {
            known = limits.get().maxBodyBytes();
            maxBodyBytes = known;
        }
        return known;
    }
}
