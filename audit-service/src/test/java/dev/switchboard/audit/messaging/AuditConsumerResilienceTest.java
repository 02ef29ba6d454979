package dev.switchboard.audit.messaging;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.audit.SseStream;
import dev.switchboard.audit.repository.AuditEventEntity;
import dev.switchboard.audit.repository.AuditEventRepository;
import dev.switchboard.model.event.EventEnvelope;
import dev.switchboard.model.event.EventType;
import dev.switchboard.model.event.Topics;
import dev.switchboard.platform.events.DeadLetterPublisher;
import dev.switchboard.platform.events.EventPublisher;
import dev.switchboard.testsupport.TestTokens;
import dev.switchboard.testsupport.TopicReader;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * One event that cannot be handled must not stop the audit trail for everyone: it is parked on the dead-letter topic
 * and the events behind it are stored, and the service stays live.
 */
@QuarkusTest
class AuditConsumerResilienceTest {

    @TestHTTPResource(value = "health/live", management = true)
    URL liveness;

    @TestHTTPResource("/api/events")
    URL events;

    @Inject
    EventPublisher publisher;

    @Inject
    AuditEventRepository repository;

    @Inject
    ObjectMapper json;

    @Test
    void aStreamFilteredByServerSurvivesEventsThatNameNoServer() throws Exception {
        String tenant = "t-" + UUID.randomUUID();
        String server = UUID.randomUUID().toString();
        try (SseStream stream = SseStream.open(events + "?servers=" + server, TestTokens.forRole("manager", tenant), null)) {
            stream.awaitOpen();
            publish(EventEnvelope.of("/registry-service", EventType.GROUP_CREATED, UUID.randomUUID().toString(), tenant,
                    "key-1", json.readTree("{\"name\":\"team\"}")));
            EventEnvelope call = publish(EventEnvelope.of("/invocation-service", EventType.TOOL_INVOKED, server, tenant,
                    "key-1", json.readTree("{\"serverId\":\"" + server + "\",\"tool\":\"echo\"}")));

            assertEquals(call.id(), stream.next(Duration.ofSeconds(20)).id());
        }
        EventEnvelope after = publish(EventEnvelope.of("/registry-service", EventType.API_KEY_CREATED,
                UUID.randomUUID().toString(), tenant, "key-1", json.readTree("{}")));
        awaitRow(after.id());
        given().get(liveness.toString()).then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void parksAnEventTheDatabaseRefusesAndStoresTheOnesBehindIt() throws Exception {
        String subject = UUID.randomUUID().toString();
        EventEnvelope refused = publish(EventEnvelope.of("/registry-service", EventType.SERVER_UPDATED, subject, "tenant-a",
                "key-1", json.readTree("{\"description\":\"nul \\u0000 inside\"}")));
        EventEnvelope good = publish(EventEnvelope.of("/registry-service", EventType.SERVER_UPDATED, subject, "tenant-a",
                "key-1", json.readTree("{\"description\":\"fine\"}")));

        awaitRow(good.id());
        List<ConsumerRecord<String, String>> parked = TopicReader.read(Topics.DEAD_LETTER,
                record -> subject.equals(record.key()), 1, Duration.ofSeconds(30));
        assertEquals(1, parked.size());
        assertTrue(parked.get(0).value().contains(refused.id()));
        String reason = new String(parked.get(0).headers().lastHeader(DeadLetterPublisher.REASON).value(),
                StandardCharsets.UTF_8);
        assertTrue(reason.contains("could not be stored"), reason);
        assertEquals(null, QuarkusTransaction.requiringNew().call(() -> repository.findById(refused.id())));
        given().get(liveness.toString()).then().statusCode(200).body("status", equalTo("UP"));
    }

    /** A producer that writes a tool call's data wrongly (here a server id that is no UUID) is parked, not obeyed. */
    @Test
    void parksAToolCallWhoseDataItsTypeDoesNotAllowAndStaysLive() throws Exception {
        String subject = UUID.randomUUID().toString();
        EventEnvelope wrong = publish(EventEnvelope.of("/bench", EventType.TOOL_INVOKED, subject, "tenant-a", "key-1",
                json.readTree("{\"serverId\":\"s-2\",\"tool\":\"echo\",\"durationMs\":1}")));
        EventEnvelope untyped = publish(EventEnvelope.of("/bench", EventType.TOOL_INVOKED, subject, "tenant-a", "key-1",
                json.readTree("[1, 2]")));
        EventEnvelope good = publish(EventEnvelope.of("/invocation-service", EventType.TOOL_INVOKED, subject, "tenant-a",
                "key-1", json.readTree("{\"serverId\":\"" + UUID.randomUUID() + "\",\"tool\":\"echo\"}")));

        awaitRow(good.id());
        List<ConsumerRecord<String, String>> parked = TopicReader.read(Topics.DEAD_LETTER,
                record -> subject.equals(record.key()), 2, Duration.ofSeconds(30));
        assertEquals(2, parked.size());
        assertTrue(parked.get(0).value().contains(wrong.id()) && parked.get(1).value().contains(untyped.id()));
        String reason = new String(parked.get(0).headers().lastHeader(DeadLetterPublisher.REASON).value(),
                StandardCharsets.UTF_8);
        assertTrue(reason.contains("is not a tool call"), reason);
        given().get(liveness.toString()).then().statusCode(200).body("status", equalTo("UP"));
    }

    private EventEnvelope publish(EventEnvelope event) throws Exception {
        publisher.publish(event).toCompletableFuture().get(30, TimeUnit.SECONDS);
        return event;
    }

    private AuditEventEntity awaitRow(String eventId) {
        AuditEventEntity row = await().atMost(Duration.ofSeconds(30)).until(
                () -> QuarkusTransaction.requiringNew().call(() -> repository.findById(eventId)),
                found -> found != null);
        assertNotNull(row);
        return row;
    }
}
