package dev.switchboard.bench;

import io.smallrye.jwt.build.Jwt;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.ProducerRecord;

/** What the load drivers share: a token signed with the local run's key, concurrent load, and percentiles. */
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

    /** Latencies of every call, in nanoseconds, and the wall time the whole load took. */
    record Load(long[] samples, double seconds) {
    }

    /** Runs {@code call} {@code perClient} times on each of {@code clients} threads at once. */
    static Load concurrently(int clients, int perClient, Callable<?> call) throws Exception {
        long[] samples = new long[clients * perClient];
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            long start = System.nanoTime();
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int client = c;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < perClient; i++) {
                        long sent = System.nanoTime();
                        call.call();
                        samples[client * perClient + i] = System.nanoTime() - sent;
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
            return new Load(samples, (System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdown();
        }
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

    /**
     * A {@code tool.invoked} event as the invocation service writes it, keyed by its server (one of 16), for
     * {@code switchboard.invocations}; its data is a valid {@code ToolInvoked}, so that every consumer stores it.
     */
    static ProducerRecord<String, String> toolInvoked(String id, String tenant, int sequence) {
        String server = UUID.nameUUIDFromBytes(("bench-server-" + sequence % 16).getBytes(StandardCharsets.UTF_8))
                .toString();
        String event = "{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"source\":\"/bench\","
                + "\"type\":\"tool.invoked\",\"time\":\"" + Instant.now() + "\",\"subject\":\"" + server
                + "\",\"tenantid\":\"" + tenant + "\",\"actorid\":\"bench\",\"data\":{\"serverId\":\"" + server
                + "\",\"serverName\":\"bench\",\"tool\":\"echo\",\"durationMs\":" + (sequence % 50) + "}}";
        return new ProducerRecord<>("switchboard.invocations", server, event);
    }

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
