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
import java.net.URL;
import java.time.Duration;
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

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    EventPublisher publisher;

    @Inject
    EntityManager entityManager;

    @TestHTTPResource(value = "metrics", management = true)
    URL metrics;

    @Test
    void deliversAMatchingEventSignedThroughTheReceiversOutageWithOneIdAcrossRetries() throws Exception {
        String tenant = "tenant-" + UUID.randomUUID();
        try (Subscribed subscribed = subscribe(tenant, 2, 0)) {
            TestReceiver receiver = subscribed.receiver();
            EventEnvelope event = EventEnvelope.of("/registry-service", EventType.SERVER_CREATED, UUID.randomUUID().toString(),
                    tenant, "key-1", JSON.readTree("{\"name\":\"github\"}"));
            publisher.publish(event).toCompletableFuture().get(30, TimeUnit.SECONDS);

            await().atMost(Duration.ofSeconds(30)).until(() -> receiver.acknowledged().contains(event.id()));
            List<JsonNode> requests = receiver.requests();
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
            UUID subscription = subscribed.id();
            await().atMost(Duration.ofSeconds(10)).until(() -> "delivered".equals(state(subscription)[0]));
            Object[] state = state(subscription);
            assertEquals(3, ((Number) state[1]).intValue(), "attempts on the delivery");
            assertEquals(3, ((Number) state[2]).intValue(), "attempt rows");
        }
    }

    @Test
    void aSlowReceiverDoesNotHoldUpAnother() throws Exception {
        String tenant = "tenant-" + UUID.randomUUID();
        try (Subscribed slow = subscribe(tenant, 0, 20_000); Subscribed quick = subscribe(tenant, 0, 0)) {
            publish(tenant);
            await().atMost(Duration.ofSeconds(30)).until(() -> !quick.receiver().acknowledged().isEmpty());
            JsonNode delivered = quick.receiver().requests().get(0);
            assertTrue(delivered.path("verified").asBoolean(), delivered.toString());
            // The slow receiver holds its request for 20 s: had the quick one waited for it, it would be answered by now.
            assertEquals("sending", state(slow.id())[0],
                    "the quick receiver was served while the slow one still had its delivery");
        }
    }

    @Test
    void countsAttemptsByOutcomeForPrometheus() throws Exception {
        String tenant = "tenant-" + UUID.randomUUID();
        try (Subscribed subscribed = subscribe(tenant, 1, 0)) {
            publish(tenant);
            await().atMost(Duration.ofSeconds(30)).until(() -> subscribed.receiver().requests().size() >= 2);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get(metrics.toString()).then()
                    .body(containsString("switchboard_webhook_attempts_total{outcome=\"retry\"}"))
                    .body(containsString("switchboard_webhook_attempts_total{outcome=\"delivered\"}"))
                    .body(containsString("switchboard_webhook_attempt_duration_seconds_bucket"))
                    .body(containsString("switchboard_webhook_queue_depth")));
        }
    }

    @Test
    void deletesASubscriptionWhileItsDeliveriesAreOnTheWire() throws Exception {
        String tenant = "tenant-" + UUID.randomUUID();
        try (Subscribed subscribed = subscribe(tenant, 0, 50)) {
            for (int i = 0; i < 40; i++) {
                publish(tenant);
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> subscribed.receiver().requests().size() >= 5);
            String manager = TestTokens.forRole("manager", tenant);
            given().auth().oauth2(manager).delete("/api/webhooks/{id}", subscribed.id()).then().statusCode(204);
            given().auth().oauth2(manager).get("/api/webhooks/{id}/deliveries", subscribed.id()).then()
                    .statusCode(404);
        }
    }

    /** A subscription to the tenant's server events, and its receiver, started and listening. */
    private record Subscribed(UUID id, TestReceiver receiver) implements AutoCloseable {

        @Override
        public void close() {
            receiver.close();
        }
    }

    private static Subscribed subscribe(String tenant, int failures, int delayMs) throws Exception {
        int port = FreePorts.find();
        JsonPath created = given().auth().oauth2(TestTokens.forRole("manager", tenant)).contentType(ContentType.JSON)
                .body("{\"url\":\"http://127.0.0.1:" + port + "/hooks\",\"events\":[\"server.*\"]}")
                .post("/api/webhooks").then().statusCode(201).extract().jsonPath();
        return new Subscribed(UUID.fromString(created.getString("data.id")),
                TestReceiver.start(port, created.getString("data.secret"), failures, delayMs));
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
