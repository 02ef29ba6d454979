package dev.switchboard.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Token issuance and server create/list against the running registry: {@code clients} threads each exchange the
 * bootstrap admin key for a token {@code perClient} times; then one client registers servers (each with a secret
 * header to seal) and reads filtered pages of them.
 */
public final class RegistryTokenBench {

    public static void main(String[] args) throws Exception {
        int clients = Integer.parseInt(args.length > 0 ? args[0] : "8");
        int perClient = Integer.parseInt(args.length > 1 ? args[1] : "250");
        String base = BenchSupport.env("SWITCHBOARD_REGISTRY_URL", "http://127.0.0.1:8081");
        Path keys = Path.of(BenchSupport.env("SWITCHBOARD_KEYS", ".switchboard/keys"));
        String adminKey = BenchSupport.env("SWITCHBOARD_BOOTSTRAP_ADMIN_KEY",
                Files.readString(keys.resolve("bootstrap-admin.key")).trim());
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest token = HttpRequest.newBuilder(URI.create(base + "/auth/token"))
                .header("X-API-Key", adminKey).POST(HttpRequest.BodyPublishers.noBody()).build();
        for (int i = 0; i < 100; i++) {
            send(http, token, 200);
        }

        BenchSupport.Load load = BenchSupport.concurrently(clients, perClient, () -> {
            send(http, token, 200);
            return null;
        });
        long[] samples = load.samples();
        double seconds = load.seconds();
        long[] sorted = BenchSupport.sorted(samples);
        System.out.printf("token: clients=%d requests=%d throughput=%.0f/s p50=%.1fms p95=%.1fms p99=%.1fms%n",
                clients, samples.length, samples.length / seconds, BenchSupport.percentile(sorted, 0.5),
                BenchSupport.percentile(sorted, 0.95), BenchSupport.percentile(sorted, 0.99));

        String bearer = BenchSupport.token(keys, "admin", null);
        String run = Long.toString(System.currentTimeMillis(), 36);
        int creates = 500;
        long[] createSamples = new long[creates];
        long createStart = System.nanoTime();
        for (int i = 0; i < creates; i++) {
            String server = "{\"name\":\"bench-" + run + "-" + i + "\",\"metadata\":{\"tags\":[\"bench\",\"t" + (i % 10)
                    + "\"]},\"transport\":{\"type\":\"http\",\"url\":\"https://203.0.113.10/mcp\","
                    + "\"headers\":{\"Authorization\":\"Bearer bench-secret-" + i + "\"}}}";
            HttpRequest create = HttpRequest.newBuilder(URI.create(base + "/api/servers"))
                    .header("Authorization", "Bearer " + bearer).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(server)).build();
            long sent = System.nanoTime();
            send(http, create, 201);
            createSamples[i] = System.nanoTime() - sent;
        }
        double createSeconds = (System.nanoTime() - createStart) / 1e9;
        long[] listSamples = new long[200];
        HttpRequest list = HttpRequest.newBuilder(URI.create(base + "/api/servers?tags=bench&q=" + run + "&limit=50&offset=100"))
                .header("Authorization", "Bearer " + bearer).build();
        for (int i = 0; i < listSamples.length; i++) {
            long sent = System.nanoTime();
            send(http, list, 200);
            listSamples[i] = System.nanoTime() - sent;
        }
        long[] createSorted = BenchSupport.sorted(createSamples);
        long[] listSorted = BenchSupport.sorted(listSamples);
        System.out.printf("server create: %d sequential, %.0f/s p50=%.1fms p95=%.1fms; list (50 per page): p50=%.1fms p95=%.1fms%n",
                creates, creates / createSeconds, BenchSupport.percentile(createSorted, 0.5),
                BenchSupport.percentile(createSorted, 0.95), BenchSupport.percentile(listSorted, 0.5),
                BenchSupport.percentile(listSorted, 0.95));
    }

    private static void send(HttpClient http, HttpRequest request, int expected) throws Exception {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(request.uri() + " answered " + response.statusCode() + ": " + response.body());
        }
    }
}
