package dev.switchboard.platform.security;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a credential says once it has been checked at some cost (a signature verified, a seal opened), kept by the
 * credential's text until the credential expires, so that a client repeating it is not checked again on every
 * request. Bounded: when full, the expired entries go, and if that is not enough, all of them, which costs the next
 * request of each credential one more check and nothing else. Only what a credential itself says belongs here;
 * whether it has since been revoked or ended is the caller's to check on every request.
 */
public final class CredentialMemo<V> {

    private record Kept<V>(V value, long expiresAtEpochSecond) {
    }

    private final int capacity;
    private final Map<String, Kept<V>> kept = new ConcurrentHashMap<>();

    public CredentialMemo(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.capacity = capacity;
    }

    /** What the credential said, or {@code null} when it was not kept or has expired by {@code nowEpochSecond}. */
    public V get(String credential, long nowEpochSecond) {
        Kept<V> known = kept.get(credential);
        return known != null && known.expiresAtEpochSecond() > nowEpochSecond ? known.value() : null;
    }

    /** Keeps what a credential said until {@code expiresAtEpochSecond}. */
    public void put(String credential, V value, long expiresAtEpochSecond, long nowEpochSecond) {
        if (kept.size() >= capacity) {
            kept.values().removeIf(entry -> entry.expiresAtEpochSecond() <= nowEpochSecond);
            if (kept.size() >= capacity) {
                kept.clear();
            }
        }
        kept.put(credential, new Kept<>(value, expiresAtEpochSecond));
    }

    int size() {
        return kept.size();
    }
}
