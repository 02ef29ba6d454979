package dev.switchboard.webhook.service;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.switchboard.localstack.FreePorts;
import dev.switchboard.model.event.EventEnvelope;
import dev.switchboard.model.event.EventType;
import dev.switchboard.model.event.Topics;
import dev.switchboard.platform.events.EventPublisher;
import dev.switchboard.testsupport.TestTokens;
import dev.switchboard.testsupport.TopicReader;
import dev.switchboard.webhook.repository.SubscriptionEntity;
import dev.switchboard.webhook.repository.SubscriptionRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The webhook service's own events, and a subscription that keeps failing being disabled. */
@QuarkusTest
class WebhookEventsTest {

    @Inject
    EventPublisher publisher;

    @Inject
    SubscriptionRepository subscriptions;

    @Inject
    ObjectMapper json;

    private final String tenant = UUID.randomUUID().toString();
    private final String manager = TestTokens.forRole("manager", tenant);

    @Test
    void announcesEveryChangeOfASubscriptionWithoutItsSecret() throws Exception {
        String id = subscribe("http://127.0.0.1:9/hooks");
        given().auth().oauth2(manager).contentType("application/merge-patch+json").body("{\"description\":\"billing\"}")
                .patch("/api/webhooks/{id}", id).then().statusCode(200);
        String rotated = given().auth().oauth2(manager).post("/api/webhooks/{id}/rotate-secret", id).then()
                .statusCode(200).extract().path("data.secret");
        given().auth().oauth2(manager).delete("/api/webhooks/{id}", id).then().statusCode(204);

        List<ConsumerRecord<String, String>> records = eventsOf(id, 4);
        List<String> types = records.stream().map(record -> read(record).type()).toList();
        assertEquals(List.of("webhook.created", "webhook.updated", "webhook.updated", "webhook.deleted"), types);
        for (ConsumerRecord<String, String> record : records) {
            EventEnvelope event = read(record);
            assertEquals(id, record.key());
            assertEquals(tenant, event.tenantid());
            assertNotNull(event.actorid());
            assertEquals("http://127.0.0.1:9/hooks", event.data().path("url").asText());
            assertFalse(record.value().contains("whsec_"), record.value());
            assertFalse(record.value().contains(rotated.substring("whsec_".length())), record.value());
        }
        assertEquals("billing", read(records.get(1)).data().path("description").asText());
    }

    @Test
    void publishesADeliveryThatFailedForGoodAndKeepsAFreshlyFailingSubscriptionEnabled() throws Exception {
        String id = subscribe("http://127.0.0.1:" + FreePorts.find() + "/hooks");
        EventEnvelope event = publishServerEvent();

        // The test profile retries three times, a second apart: four attempts, then failed.
        JsonNode failed = json.readTree(eventsOf(id, EventType.WEBHOOK_DELIVERY_FAILED).value()).path("data");
        assertEquals(event.id(), failed.path("eventId").asText());
        assertEquals(4, failed.path("attempts").asInt());
        assertFalse(failed.path("error").asText().isBlank());
        given().auth().oauth2(manager).get("/api/webhooks/{id}", id).then().body("data.enabled", equalTo(true));
        assertNotNull(subscription(id).failingSince, "failing since the first attempt");
    }

    @Test
    void disablesASubscriptionWhoseAttemptsHaveFailedForLongerThanTheLimit() throws Exception {
        String id = subscribe("http://127.0.0.1:" + FreePorts.find() + "/hooks");
        Instant sixDaysAgo = Instant.now().minus(Duration.ofDays(6));
        setFailingSince(id, sixDaysAgo);
        publishServerEvent();

        EventEnvelope disabled = read(eventsOf(id, EventType.WEBHOOK_DISABLED));
        assertEquals("failing", disabled.data().path("reason").asText());
        assertEquals(sixDaysAgo.toEpochMilli(), Instant.parse(disabled.data().path("failingSince").asText()).toEpochMilli());
        given().auth().oauth2(manager).get("/api/webhooks/{id}", id).then().body("data.enabled", equalTo(false));

        given().auth().oauth2(manager).contentType("application/merge-patch+json").body("{\"enabled\":true}")
                .patch("/api/webhooks/{id}", id).then().statusCode(200).body("data.enabled", equalTo(true));
        assertNull(subscription(id).failingSince, "enabling again starts the count afresh");
    }

    @Test
    void aSuccessfulAttemptEndsTheRunOfFailures() throws Exception {
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hooks", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        try {
            String id = subscribe("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks");
            setFailingSince(id, Instant.now().minus(Duration.ofDays(1)));
            publishServerEvent();
            await().atMost(Duration.ofSeconds(30)).until(() -> subscription(id).failingSince == null);
            given().auth().oauth2(manager).get("/api/webhooks/{id}", id).then().body("data.enabled", equalTo(true))
                    .body("data.deliveryStats.succeeded", equalTo(1));
        } finally {
            receiver.stop(0);
        }
    }

    private String subscribe(String url) {
        return given().auth().oauth2(manager).contentType(ContentType.JSON)
                .body("{\"url\":\"" + url + "\",\"events\":[\"server.*\"]}").post("/api/webhooks").then().statusCode(201)
                .extract().path("data.id");
    }

    private EventEnvelope publishServerEvent() throws Exception {
        EventEnvelope event = EventEnvelope.of("/registry-service", EventType.SERVER_UPDATED,
                UUID.randomUUID().toString(), tenant, "key-1", json.readTree("{\"name\":\"github\"}"));
        publisher.publish(event).toCompletableFuture().get(30, TimeUnit.SECONDS);
        return event;
    }

    private void setFailingSince(String id, Instant since) {
        QuarkusTransaction.requiringNew().run(() -> subscriptions.findById(UUID.fromString(id)).failingSince = since);
    }

    private SubscriptionEntity subscription(String id) {
        return QuarkusTransaction.requiringNew().call(() -> subscriptions.findById(UUID.fromString(id)));
    }

    private List<ConsumerRecord<String, String>> eventsOf(String id, int expected) {
        List<ConsumerRecord<String, String>> found = TopicReader.read(Topics.WEBHOOKS, record -> id.equals(record.key()),
                expected, Duration.ofSeconds(30));
        assertEquals(expected, found.size(), "events about " + id);
        return found;
    }

    private ConsumerRecord<String, String> eventsOf(String id, EventType type) {
        List<ConsumerRecord<String, String>> found = TopicReader.read(Topics.WEBHOOKS,
                record -> id.equals(record.key()) && type.typeName().equals(read(record).type()), 1,
                Duration.ofSeconds(30));
        assertEquals(1, found.size(), type.typeName() + " about " + id);
        return found.get(0);
    }

    private EventEnvelope read(ConsumerRecord<String, String> record) {
        try {
            return json.readValue(record.value(), EventEnvelope.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
