package dev.switchboard.registry.outbox;

import static dev.switchboard.registry.RegistryApi.adminToken;
import static dev.switchboard.registry.RegistryApi.createServer;
import static dev.switchboard.registry.RegistryApi.httpServer;
import static dev.switchboard.registry.RegistryApi.uniqueName;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.localstack.EmbeddedKafkaBroker;
import dev.switchboard.model.event.EventEnvelope;
import dev.switchboard.model.event.EventType;
import dev.switchboard.model.event.Topics;
import dev.switchboard.outbox.OutboxEventEntity;
import dev.switchboard.outbox.OutboxRepository;
import dev.switchboard.platform.events.EventCodec;
import dev.switchboard.testsupport.LocalStackTestResource;
import dev.switchboard.testsupport.TopicReader;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OutboxRelayTest {

    @TestHTTPResource(value = "metrics", management = true)
    URL metrics;

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void deliversEveryChangeMadeWhileTheBrokerWasDownOnceAndInOrderPerSubject() throws Exception {
        String admin = adminToken();
        EmbeddedKafkaBroker broker = LocalStackTestResource.shared().kafka();
        String run = uniqueName("outage");
        Map<String, List<String>> expected = new LinkedHashMap<>();

        broker.stop();
        try {
            for (int i = 0; i < 25; i++) {
                String id = createServer(admin, httpServer(run + "-" + i));
                List<String> types = new ArrayList<>(List.of("server.created"));
                for (int change = 0; change < 3; change++) {
                    given().auth().oauth2(admin).contentType("application/merge-patch+json")
                            .body("{\"description\":\"v" + change + "\"}")
                            .patch("/api/servers/{id}", id).then().statusCode(200);
                    types.add("server.updated");
                }
                expected.put(id, types);
            }
        } finally {
            broker.start();
        }

        // Delivery is at least once: a record the broker took just as it stopped may come again after the restart,
        // with the same event id. What must hold is that every event arrives, none is invented, and the first
        // arrival of each is in order per server.
        List<ConsumerRecord<String, String>> records = firstArrivals(expected.keySet(), 100, Duration.ofSeconds(90));
        assertEquals(100, records.size(), "100 distinct events");
        assertEquals(100, firstArrivals(expected.keySet(), 101, Duration.ofSeconds(5)).size(), "and no more");

        Map<String, List<String>> descriptions = new LinkedHashMap<>();
        Map<String, List<String>> types = new LinkedHashMap<>();
        for (ConsumerRecord<String, String> record : records) {
            JsonNode event = JSON.readTree(record.value());
            descriptions.computeIfAbsent(record.key(), key -> new ArrayList<>())
                    .add(event.get("data").path("description").asText("-"));
            types.computeIfAbsent(record.key(), key -> new ArrayList<>()).add(event.get("type").asText());
        }
        for (String server : expected.keySet()) {
            assertEquals(List.of("-", "v0", "v1", "v2"), descriptions.get(server), "in order for " + server);
            assertEquals(expected.get(server), types.get(server), "in order for " + server);
        }
    }

    @Inject
    OutboxRepository outbox;

    @Inject
    EventCodec codec;

    @Test
    void parksARowTheBrokerAlwaysRefusesAsDeadAndSendsTheRowsBehindIt() {
        String subject = UUID.randomUUID().toString();
        String other = UUID.randomUUID().toString();
        OutboxEventEntity tooLarge = row(subject, "{\"data\":\"" + "x".repeat(1_200_000) + "\"}");
        OutboxEventEntity behind = row(subject, codec.write(EventEnvelope.of("/registry-service", EventType.SERVER_UPDATED,
                subject, null, null, null)));
        OutboxEventEntity elsewhere = row(other, codec.write(EventEnvelope.of("/registry-service", EventType.SERVER_UPDATED,
                other, null, null, null)));
        QuarkusTransaction.requiringNew().run(() -> {
            outbox.persist(tooLarge);
            outbox.persist(behind);
            outbox.persist(elsewhere);
        });

        await().atMost(Duration.ofSeconds(60)).until(() -> status(tooLarge.id).equals(OutboxEventEntity.DEAD));
        OutboxEventEntity dead = QuarkusTransaction.requiringNew().call(() -> outbox.findById(tooLarge.id));
        assertTrue(dead.attempts >= 5, "attempts: " + dead.attempts);
        assertTrue(dead.lastError.toLowerCase(Locale.ROOT).contains("large"), dead.lastError);
        await().atMost(Duration.ofSeconds(30)).until(() -> status(behind.id).equals(OutboxEventEntity.SENT)
                && status(elsewhere.id).equals(OutboxEventEntity.SENT));
        assertEquals(1, TopicReader.read(Topics.REGISTRY, record -> subject.equals(record.key()), 2, Duration.ofSeconds(5)).size(),
                "the row behind it went out, the dead one did not");
        given().get(metrics.toString()).then().statusCode(200)
                .body(containsString("switchboard_outbox_dead"))
                .body(containsString("switchboard_outbox_pending"));
    }

    private static OutboxEventEntity row(String subject, String payload) {
        OutboxEventEntity row = new OutboxEventEntity();
        row.eventId = UUID.randomUUID().toString();
        row.topic = Topics.REGISTRY;
        row.subject = subject;
        row.payload = payload;
        row.status = OutboxEventEntity.PENDING;
        row.nextAttemptAt = Instant.now();
        row.createdAt = row.nextAttemptAt;
        return row;
    }

    private String status(Long id) {
        return QuarkusTransaction.requiringNew().call(() -> outbox.findById(id).status);
    }

    /** The records of these subjects, each event id once, as it first arrived. */
    private static List<ConsumerRecord<String, String>> firstArrivals(Set<String> subjects, int expected, Duration timeout) {
        Set<String> seen = new HashSet<>();
        return TopicReader.read(Topics.REGISTRY, record -> subjects.contains(record.key()) && seen.add(eventId(record)),
                expected, timeout);
    }

    private static String eventId(ConsumerRecord<String, String> record) {
        try {
            return JSON.readTree(record.value()).get("id").asText();
        } catch (Exception e) {
            throw new IllegalStateException("not an event: " + record.value(), e);
        }
    }
}
