package dev.switchboard.webhook.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.localstack.FreePorts;
import dev.switchboard.model.event.EventEnvelope;
import dev.switchboard.model.event.EventType;
import dev.switchboard.platform.events.EventPublisher;
import dev.switchboard.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What a subscriber sees of its deliveries, and how it has a failed one sent again. */
@QuarkusTest
class WebhookDeliveriesTest {

    @Inject
    EventPublisher publisher;

    @Inject
    ObjectMapper json;

    @Test
    void showsAFailedDeliveryWithEveryAttemptAndSendsItAgainOnRequest() throws Exception {
        int closedPort = FreePorts.find();
        String tenant = UUID.randomUUID().toString();
        String manager = TestTokens.forRole("manager", tenant);
        Instant before = Instant.now().minusSeconds(1);
        String webhook = given().auth().oauth2(manager).contentType(ContentType.JSON)
                .body("{\"url\":\"http://127.0.0.1:" + closedPort + "/hooks\",\"events\":[\"server.*\"]}")
                .post("/api/webhooks").then().statusCode(201).extract().path("data.id");
        EventEnvelope event = EventEnvelope.of("/registry-service", EventType.SERVER_UPDATED, UUID.randomUUID().toString(),
                tenant, "key-1", json.readTree("{\"name\":\"github\"}"));
        publisher.publish(event).toCompletableFuture().get(30, TimeUnit.SECONDS);

        // The test profile retries three times, a second apart: four attempts, then failed.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(manager)
                .get("/api/webhooks/{id}/deliveries?status=failed&eventType=server.updated&since=" + before, webhook)
                .then().statusCode(200).body("data.total", equalTo(1)).body("data.items[0].eventId", equalTo(event.id())));
        String delivery = given().auth().oauth2(manager).get("/api/webhooks/{id}/deliveries", webhook).then()
                .extract().path("data.items[0].id");
        given().auth().oauth2(manager).get("/api/webhooks/{id}/deliveries/{delivery}", webhook, delivery).then()
                .statusCode(200)
                .body("data.status", equalTo("failed"))
                .body("data.attempts", equalTo(4))
                .body("data.attemptLog", hasSize(4))
                .body("data.attemptLog[0].error", notNullValue());
        given().auth().oauth2(manager).get("/api/webhooks/{id}", webhook).then().statusCode(200)
                .body("data.deliveryStats.total", equalTo(1))
                .body("data.deliveryStats.failed", equalTo(1))
                .body("data.deliveryStats.successRate", equalTo(0.0f));

        given().auth().oauth2(manager).post("/api/webhooks/{id}/deliveries/{delivery}/redeliver", webhook, delivery).then()
                .statusCode(202).body("data.attempts", equalTo(0));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(manager)
                .get("/api/webhooks/{id}/deliveries/{delivery}", webhook, delivery).then()
                .body("data.status", equalTo("failed")).body("data.attemptLog", hasSize(8)));
        given().auth().oauth2(manager).post("/api/webhooks/{id}/replay?since=" + before, webhook).then()
                .statusCode(202).body("data.replayed", equalTo(1));

        given().auth().oauth2(manager).get("/api/webhooks/{id}/deliveries?since=yesterday", webhook).then().statusCode(400)
                .body("code", equalTo("VALIDATION_ERROR"));
        given().auth().oauth2(manager).get("/api/webhooks/{id}/deliveries?status=lost", webhook).then().statusCode(400);
        given().auth().oauth2(manager).post("/api/webhooks/{id}/replay", webhook).then().statusCode(400);
    }
}
