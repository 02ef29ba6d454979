package dev.switchboard.invocation.rest;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** @param memoryUsage an estimate, in bytes, of what the cached results take */
@RegisterForReflection
public record CacheStats(boolean enabled, long entries, long hits, long misses, double hitRate, long memoryUsage) {
}
