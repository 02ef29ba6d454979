package dev.switchboard.bench;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Webhook deliveries of the running webhook service to a loopback receiver that answers 204 at once.
 * <ol>
 *   <li>Throughput: N events produced at once to a tenant with S subscriptions; deliveries per second from the first
 *   event sent to the last delivery received.</li>
 *   <li>Latency: events produced at a steady rate to a tenant with one subscription; for each, the time from the
 *   broker's acknowledgement of the event to the receiver's reading of its delivery.</li>
 * </ol>
 */
public final class WebhookDeliveryBench {

    private static final Pattern CREATED_ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");

    public static void main(String[] args) throws Exception {
        int events = Integer.parseInt(args.length > 0 ? args[0] : "5000");
        int subscriptions = Integer.parseInt(args.length > 1 ? args[1] : "4");
        int rate = Integer.parseInt(args.length > 2 ? args[2] : "200");
        int seconds = Integer.parseInt(args.length > 3 ? args[3] : "30");
        String bootstrap = BenchSupport.env("SWITCHBOARD_KAFKA_BOOTSTRAP", "127.0.0.1:9092");
        String webhooks = "http://127.0.0.1:" + BenchSupport.env("SWITCHBOARD_WEBHOOK_PORT", "8084");
        String admin = Files.readString(Path.of(BenchSupport.env("SWITCHBOARD_KEYS", ".switchboard/keys"))
                .resolve("bootstrap-admin.key")).trim();

        Map<String, Long> receivedAt = new ConcurrentHashMap<>();
        AtomicLong deliveries = new AtomicLong();
        // One Vert.x event loop answers: the JDK's HttpServer took about half a core at 2,000 requests/s, CPU that the
        // webhook service and PostgreSQL on the same two cores then lacked.
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
        HttpServer receiver = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0)
                        .setAcceptBacklog(256))
                .requestHandler(request -> {
                    long now = System.nanoTime();
                    request.body().onComplete(body -> {
                        String id = request.getHeader("webhook-id");
                        if (id != null) {
                            receivedAt.putIfAbsent(id, now);
                        }
                        deliveries.incrementAndGet();
                        request.response().setStatusCode(204).end();
                    });
                });
        receiver.listen().toCompletionStage().toCompletableFuture().join();
        String hook = "http://127.0.0.1:" + receiver.actualPort() + "/hooks";
        HttpClient http = HttpClient.newHttpClient();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(), new StringSerializer())) {

            String throughputTenant = "bench-" + UUID.randomUUID();
            List<String> created = new ArrayList<>();
            for (int i = 0; i < subscriptions; i++) {
                created.add(subscribe(http, webhooks, admin, throughputTenant, hook));
            }
            long start = System.nanoTime();
            for (int i = 0; i < events; i++) {
                producer.send(record(throughputTenant, i));
            }
            producer.flush();
            long expected = (long) events * subscriptions;
            awaitDeliveries(deliveries, expected);
            double elapsed = (System.nanoTime() - start) / 1e9;
            System.out.printf("throughput: events=%d subscriptions=%d deliveries=%d in %.1fs = %.0f deliveries/s%n",
                    events, subscriptions, expected, elapsed, expected / elapsed);
            for (String id : created) {
                unsubscribe(http, webhooks, admin, id);
            }

            if (seconds == 0) {
                return;
            }
            String latencyTenant = "bench-" + UUID.randomUUID();
            String latencyHook = subscribe(http, webhooks, admin, latencyTenant, hook);
            Map<String, Long> ackedAt = new ConcurrentHashMap<>();
            int total = rate * seconds;
            long periodNanos = 1_000_000_000L / rate;
            long begin = System.nanoTime();
            for (int i = 0; i < total; i++) {
                long due = begin + i * periodNanos;
                while (System.nanoTime() < due) {
                    Thread.onSpinWait();
                }
                String eventId = UUID.randomUUID().toString();
                producer.send(record(eventId, latencyTenant, i), (metadata, failure) -> {
                    if (failure == null) {
                        ackedAt.put(eventId, System.nanoTime());
                    }
                });
            }
            producer.flush();
            awaitAll(receivedAt, ackedAt.keySet());
            long[] latencies = ackedAt.entrySet().stream()
                    .mapToLong(sent -> receivedAt.getOrDefault(sent.getKey(), Long.MAX_VALUE) - sent.getValue())
                    .toArray();
            long[] sorted = BenchSupport.sorted(latencies);
            System.out.printf("latency at %d events/s for %ds (%d events): p50=%.1fms p95=%.1fms p99=%.1fms max=%.1fms%n",
                    rate, seconds, total, BenchSupport.percentile(sorted, 0.50), BenchSupport.percentile(sorted, 0.95),
                    BenchSupport.percentile(sorted, 0.99), sorted[sorted.length - 1] / 1e6);
            unsubscribe(http, webhooks, admin, latencyHook);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }

    private static ProducerRecord<String, String> record(String tenant, int sequence) {
        return record(UUID.randomUUID().toString(), tenant, sequence);
    }

    private static ProducerRecord<String, String> record(String id, String tenant, int sequence) {
        return BenchSupport.toolInvoked(id, tenant, sequence);
    }

    private static String subscribe(HttpClient http, String webhooks, String admin, String tenant, String url)
            throws Exception {
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(webhooks + "/api/webhooks"))
                .header("X-API-Key", admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"url\":\"" + url + "\",\"events\":[\"tool.*\"],\"tenantId\":\""
                        + tenant + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() != 201) {
            throw new IllegalStateException("subscribing failed: " + created.statusCode() + " " + created.body());
        }
        Matcher id = CREATED_ID.matcher(created.body());
        id.find();
        return id.group(1);
    }

    private static void unsubscribe(HttpClient http, String webhooks, String admin, String id) throws Exception {
        http.send(HttpRequest.newBuilder(URI.create(webhooks + "/api/webhooks/" + id))
                .header("X-API-Key", admin).DELETE().build(), HttpResponse.BodyHandlers.discarding());
    }

    private static void awaitAll(Map<String, Long> receivedAt, Set<String> ids) throws InterruptedException {
        long deadline = System.nanoTime() + 600_000_000_000L;
        while (!receivedAt.keySet().containsAll(ids)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not every event delivered after 10 minutes");
            }
            Thread.sleep(5);
        }
    }

    private static void awaitDeliveries(AtomicLong deliveries, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + 600_000_000_000L;
        while (deliveries.get() < expected) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + deliveries.get() + " of " + expected + " after 10 minutes");
            }
            Thread.sleep(5);
        }
    }
}
