package dev.switchboard.webhook.messaging;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.model.event.EventEnvelope;
import dev.switchboard.model.event.EventType;
import dev.switchboard.model.event.Topics;
import dev.switchboard.platform.events.DeadLetterPublisher;
import dev.switchboard.platform.events.EventPublisher;
import dev.switchboard.platform.events.KafkaSender;
import dev.switchboard.testsupport.TestTokens;
import dev.switchboard.testsupport.TopicReader;
import dev.switchboard.webhook.repository.DeliveryRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
class WebhookEventConsumerTest {

    @Inject
    EventPublisher publisher;

    @Inject
    DeliveryRepository deliveries;

    @Inject
    ObjectMapper json;

    @Inject
    KafkaSender sender;

    @Test
    void recordsOnePendingDeliveryPerMatchingEventOfTheSubscribersTenant() throws Exception {
        String tenant = "tenant-" + UUID.randomUUID();
        UUID subscription = subscribe(tenant, "[\"server.*\",\"tool.error\"]");

        EventEnvelope matching = event(EventType.SERVER_CREATED, tenant);
        publish(matching);
        publish(matching);
        EventEnvelope toolCall = event(EventType.TOOL_INVOKED, tenant);
        publish(toolCall);
        EventEnvelope otherTenants = event(EventType.SERVER_DELETED, "another-tenant");
        publish(otherTenants);
        // A matching event after each of them, on the same topic and partition: once these are recorded, so is all
        // that came before them.
        publish(EventEnvelope.of("/registry-service", EventType.SERVER_UPDATED, matching.subject(), tenant, "key-1",
                json.readTree("{\"name\":\"sentinel\"}")));
        publish(EventEnvelope.of("/invocation-service", EventType.TOOL_ERROR, toolCall.subject(), tenant, "key-1",
                json.readTree("{\"tool\":\"sentinel\"}")));
        publish(EventEnvelope.of("/registry-service", EventType.SERVER_UPDATED, otherTenants.subject(), tenant, "key-1",
                json.readTree("{\"name\":\"sentinel\"}")));

        await().atMost(Duration.ofSeconds(30)).until(() -> recorded(subscription) >= 4);
        assertEquals(4, recorded(subscription),
                "created once and the three sentinels; not the repeated event, the tool call nor the other tenant's");
    }

    @Test
    void parksAnUnreadableRecordAndPlansTheEventsOfItsBatch() throws Exception {
        String tenant = "tenant-" + UUID.randomUUID();
        UUID subscription = subscribe(tenant);
        EventEnvelope after = event(EventType.SERVER_CREATED, tenant);
        sender.send(new ProducerRecord<>(Topics.REGISTRY, after.subject(), "this is not JSON"))
                .toCompletableFuture().get(30, TimeUnit.SECONDS);
        publish(after);

        await().atMost(Duration.ofSeconds(30)).until(() -> recorded(subscription) == 1);
        List<ConsumerRecord<String, String>> parked = TopicReader.read(Topics.DEAD_LETTER,
                record -> after.subject().equals(record.key())
                        && WebhookEventConsumer.CONSUMER_NAME.equals(header(record, DeadLetterPublisher.CONSUMER)),
                1, Duration.ofSeconds(30));
        assertEquals("this is not JSON", parked.get(0).value());
    }

    private static UUID subscribe(String tenant) {
        return subscribe(tenant, "[\"server.*\"]");
    }

    private static UUID subscribe(String tenant, String events) {
        return UUID.fromString(given().auth().oauth2(TestTokens.forRole("manager", tenant))
                .contentType(ContentType.JSON)
                .body("{\"url\":\"http://127.0.0.1:9/hooks\",\"events\":" + events + "}")
                .post("/api/webhooks").then().statusCode(201).extract().path("data.id"));
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private long recorded(UUID subscription) {
        return QuarkusTransaction.requiringNew().call(() -> deliveries.countFor(subscription));
    }

    private EventEnvelope event(EventType type, String tenant) throws Exception {
        return EventEnvelope.of("/registry-service", type, UUID.randomUUID().toString(), tenant, "key-1",
                json.readTree("{\"name\":\"github\"}"));
    }

    private void publish(EventEnvelope event) throws Exception {
        publisher.publish(event).toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
