package dev.switchboard.invocation.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

/**
 * This replica's result cache, as the caller's tenant sees it (all of it, for admins).
 *
 * @param memoryUsage the cached results' size in bytes, as serialized
 * @param oldestEntry when the oldest live entry was stored; absent when there is none
 */
@RegisterForReflection
public record CacheStats(boolean enabled, long entries, long hits, long misses, double hitRate, long memoryUsage,
                         Instant oldestEntry) {
}
