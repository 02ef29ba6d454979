package dev.switchboard.bench;

import io.smallrye.jwt.build.Jwt;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

/** What the load drivers share: a token signed with the local run's key, and percentiles. */
final class BenchSupport {

    private BenchSupport() {
    }

    static String token(Path keys, String role, String tenant) {
        var claims = Jwt.issuer("switchboard").subject("bench").groups(role).expiresIn(Duration.ofHours(1));
        if (tenant != null) {
            claims.claim("tenant", tenant);
        }
        return claims.jws().sign(keys.resolve("jwt-private.pem").toAbsolutePath().toString());
    }

    /** The value below which {@code p} of the sorted samples fall (nearest rank). */
    static double percentile(long[] sortedNanos, double p) {
        int rank = (int) Math.ceil(p * sortedNanos.length) - 1;
        return sortedNanos[Math.max(0, Math.min(rank, sortedNanos.length - 1))] / 1_000_000.0;
    }

    static long[] sorted(long[] samples) {
        long[] copy = samples.clone();
        Arrays.sort(copy);
        return copy;
    }

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
