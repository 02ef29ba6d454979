package dev.switchboard.webhook.service;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.localstack.FreePorts;
import dev.switchboard.model.event.EventEnvelope;
import dev.switchboard.model.event.EventType;
import dev.switchboard.platform.events.EventPublisher;
import dev.switchboard.testsupport.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Deliveries as a subscriber receives them: its receiver, down for a while (503 with Retry-After), checks every
 * request with the Standard Webhooks reference library, not with Switchboard's code.
 */
@QuarkusTest
class DeliveryWorkerTest {

    private static final Path RECEIVER = Path.of("src/test/receiver").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    EventPublisher publisher;

    @Inject
    EntityManager entityManager;

    @TestHTTPResource(value = "metrics", management = true)
    URL metrics;

    @Test
    void deliversAMatchingEventSignedThroughTheReceiversOutageWithOneIdAcrossRetries() throws Exception {
        int port = FreePorts.find();
        String tenant = "tenant-" + UUID.randomUUID();
        JsonPath created = given().auth().oauth2(TestTokens.forRole("manager", tenant)).contentType(ContentType.JSON)
                .body("{\"url\":\"http://127.0.0.1:" + port + "/hooks\",\"events\":[\"server.*\"]}")
                .post("/api/webhooks").then().statusCode(201).extract().jsonPath();
        UUID subscription = UUID.fromString(created.getString("data.id"));
        Process receiver = new ProcessBuilder("node", "receiver.mjs", String.valueOf(port), created.getString("data.secret"), "2")
                .directory(RECEIVER.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(receiver.getInputStream(), StandardCharsets.UTF_8))) {
            assertEquals("listening", lines.readLine());
            EventEnvelope event = EventEnvelope.of("/registry-service", EventType.SERVER_CREATED, UUID.randomUUID().toString(),
                    tenant, "key-1", JSON.readTree("{\"name\":\"github\"}"));
            publisher.publish(event).toCompletableFuture().get(30, TimeUnit.SECONDS);

            List<JsonNode> requests = new ArrayList<>();
            while (requests.isEmpty() || requests.get(requests.size() - 1).path("status").asInt() != 204) {
                requests.add(JSON.readTree(lines.readLine()));
            }

            assertEquals(3, requests.size(), "two 503s, then the delivery: " + requests);
            for (JsonNode request : requests) {
                assertEquals(event.id(), request.path("id").asText(), "webhook-id is the event's id on every retry");
                assertTrue(request.path("verified").asBoolean(), "the signature verifies: " + request);
                assertEquals("server.created", request.path("type").asText());
                assertTrue(request.path("contentType").asText().startsWith("application/cloudevents+json"), request.toString());
                JsonNode cloudEvent = request.path("cloudEvent");
                assertTrue(cloudEvent.path("invalid").isMissingNode(), "the CloudEvents SDK reads it: " + cloudEvent);
                assertEquals("1.0", cloudEvent.path("specversion").asText());
                assertEquals(event.id(), cloudEvent.path("id").asText());
                assertEquals("server.created", cloudEvent.path("type").asText());
                assertEquals("/registry-service", cloudEvent.path("source").asText());
                assertEquals(tenant, cloudEvent.path("tenantid").asText(), "the tenant as an extension attribute");
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> "delivered".equals(state(subscription)[0]));
            Object[] state = state(subscription);
            assertEquals(3, ((Number) state[1]).intValue(), "attempts on the delivery");
            assertEquals(3, ((Number) state[2]).intValue(), "attempt rows");
        } finally {
            receiver.destroy();
            receiver.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aSlowReceiverDoesNotHoldUpAnother() throws Exception {
        String tenant = "tenant-" + UUID.randomUUID();
        Receiver slow = receiver(tenant, 0, 20_000);
        Receiver quick = receiver(tenant, 0, 0);
        try {
            publish(tenant);
            JsonNode delivered = JSON.readTree(quick.lines().readLine());
            assertTrue(delivered.path("verified").asBoolean(), delivered.toString());
            // The slow receiver holds its request for 20 s: had the quick one waited for it, it would be answered by now.
            assertEquals("sending", state(UUID.fromString(slow.subscriptionId()))[0],
                    "the quick receiver was served while the slow one still had its delivery");
        } finally {
            slow.process().destroy();
            quick.process().destroy();
        }
    }

    @Test
    void countsAttemptsByOutcomeForPrometheus() throws Exception {
        String tenant = "tenant-" + UUID.randomUUID();
        Receiver receiver = receiver(tenant, 1, 0);
        try {
            publish(tenant);
            receiver.lines().readLine();
            receiver.lines().readLine();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get(metrics.toString()).then()
                    .body(containsString("switchboard_webhook_attempts_total{outcome=\"retry\"}"))
                    .body(containsString("switchboard_webhook_attempts_total{outcome=\"delivered\"}"))
                    .body(containsString("switchboard_webhook_attempt_duration_seconds_bucket"))
                    .body(containsString("switchboard_webhook_queue_depth")));
        } finally {
            receiver.process().destroy();
        }
    }

    @Test
    void deletesASubscriptionWhileItsDeliveriesAreOnTheWire() throws Exception {
        String tenant = "tenant-" + UUID.randomUUID();
        Receiver receiver = receiver(tenant, 0, 50);
        try {
            for (int i = 0; i < 40; i++) {
                publish(tenant);
            }
            for (int i = 0; i < 5; i++) {
                receiver.lines().readLine();
            }
            String manager = TestTokens.forRole("manager", tenant);
            given().auth().oauth2(manager).delete("/api/webhooks/{id}", receiver.subscriptionId()).then().statusCode(204);
            given().auth().oauth2(manager).get("/api/webhooks/{id}/deliveries", receiver.subscriptionId()).then()
                    .statusCode(404);
        } finally {
            receiver.process().destroy();
        }
    }

    private record Receiver(Process process, BufferedReader lines, String subscriptionId) {
    }

    /** A receiver subscribed to the tenant's server events, started and listening. */
    private Receiver receiver(String tenant, int failures, int delayMs) throws Exception {
        int port = FreePorts.find();
        JsonPath created = given().auth().oauth2(TestTokens.forRole("manager", tenant)).contentType(ContentType.JSON)
                .body("{\"url\":\"http://127.0.0.1:" + port + "/hooks\",\"events\":[\"server.*\"]}")
                .post("/api/webhooks").then().statusCode(201).extract().jsonPath();
        String secret = created.getString("data.secret");
        Process process = new ProcessBuilder("node", "receiver.mjs", String.valueOf(port), secret, String.valueOf(failures),
                String.valueOf(delayMs)).directory(RECEIVER.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        assertEquals("listening", lines.readLine());
        return new Receiver(process, lines, created.getString("data.id"));
    }

    private void publish(String tenant) throws Exception {
        publisher.publish(EventEnvelope.of("/registry-service", EventType.SERVER_CREATED, UUID.randomUUID().toString(),
                tenant, "key-1", JSON.readTree("{\"name\":\"github\"}"))).toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private Object[] state(UUID subscription) {
        return QuarkusTransaction.requiringNew().call(() -> (Object[]) entityManager.createNativeQuery("""
                        SELECT d.status, d.attempts, (SELECT count(*) FROM webhook_delivery_attempt a WHERE a.delivery_id = d.id)
                        FROM webhook_delivery d WHERE d.subscription_id = ?1
                        """).setParameter(1, subscription).getSingleResult());
    }
}
