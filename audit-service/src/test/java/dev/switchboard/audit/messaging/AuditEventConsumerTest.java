package dev.switchboard.audit.messaging;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.audit.repository.AuditEventEntity;
import dev.switchboard.audit.repository.AuditEventRepository;
import dev.switchboard.model.event.EventEnvelope;
import dev.switchboard.model.event.EventType;
import dev.switchboard.model.event.Topics;
import dev.switchboard.platform.events.DeadLetterPublisher;
import dev.switchboard.platform.events.EventPublisher;
import dev.switchboard.platform.events.KafkaSender;
import dev.switchboard.testsupport.TopicReader;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
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
class AuditEventConsumerTest {

    @Inject
    EventPublisher publisher;

    @Inject
    KafkaSender sender;

    @Inject
    AuditEventRepository repository;

    @Inject
    ObjectMapper json;

    @Test
    void storesAnEventFromTheBrokerWithItsIndexedColumns() throws Exception {
        String serverId = UUID.randomUUID().toString();
        EventEnvelope event = EventEnvelope.of("/invocation-service", EventType.TOOL_INVOKED, serverId, "tenant-a", "key-1",
                json.readTree("{\"serverId\":\"" + serverId + "\",\"tool\":\"echo\",\"durationMs\":42}"));

        publisher.publish(event).toCompletableFuture().get(30, TimeUnit.SECONDS);

        AuditEventEntity row = awaitRow(event.id());
        assertEquals("tool.invoked", row.type);
        assertEquals("tool", row.resourceType);
        assertEquals("tenant-a", row.tenantId);
        assertEquals("key-1", row.actorId);
        assertEquals(serverId, row.serverId);
        assertEquals("echo", row.toolName);
        assertEquals(42L, row.durationMs);
        assertTrue(row.success);
        assertEquals(json.readTree(json.writeValueAsString(event)), json.readTree(row.envelope));
    }

    @Test
    void storesARedeliveredEventOnce() throws Exception {
        EventEnvelope event = EventEnvelope.of("/registry-service", EventType.SERVER_CREATED, UUID.randomUUID().toString(),
                "tenant-a", "key-1", json.readTree("{\"name\":\"github\"}"));
        EventEnvelope marker = EventEnvelope.of("/registry-service", EventType.SERVER_CREATED, event.subject(),
                "tenant-a", "key-1", json.readTree("{\"name\":\"marker\"}"));

        publisher.publish(event).toCompletableFuture().get(30, TimeUnit.SECONDS);
        publisher.publish(event).toCompletableFuture().get(30, TimeUnit.SECONDS);
        publisher.publish(marker).toCompletableFuture().get(30, TimeUnit.SECONDS);

        awaitRow(marker.id());
        long copies = QuarkusTransaction.requiringNew().call(
                () -> repository.count("resourceId", event.subject()));
        assertEquals(2, copies, "the event once and the marker after it");
    }

    @Test
    void parksAPoisonRecordOnTheDeadLetterTopicAndStoresTheGoodOnesAfterIt() throws Exception {
        String subject = UUID.randomUUID().toString();
        send(Topics.REGISTRY, subject, "this is not JSON");
        send(Topics.REGISTRY, subject, "{\"specversion\":\"1.0\",\"id\":\"" + UUID.randomUUID()
                + "\",\"source\":\"/x\",\"type\":\"server.teleported\",\"time\":\"2026-11-21T10:00:00Z\"}");
        send(Topics.REGISTRY, subject, "{\"hello\":\"world\"}");
        EventEnvelope good = EventEnvelope.of("/registry-service", EventType.SERVER_UPDATED, subject, "tenant-a", "key-1",
                null);
        publisher.publish(good).toCompletableFuture().get(30, TimeUnit.SECONDS);

        awaitRow(good.id());
        List<ConsumerRecord<String, String>> parked = TopicReader.read(Topics.DEAD_LETTER,
                record -> subject.equals(record.key()), 3, Duration.ofSeconds(30));
        assertEquals(3, parked.size());
        assertEquals("this is not JSON", parked.get(0).value());
        assertEquals(Topics.REGISTRY, header(parked.get(0), DeadLetterPublisher.ORIGINAL_TOPIC));
        assertTrue(header(parked.get(1), DeadLetterPublisher.REASON).contains("unknown event type server.teleported"));
        assertTrue(header(parked.get(2), DeadLetterPublisher.REASON).contains("not a valid CloudEvent"));
        assertFalse(QuarkusTransaction.requiringNew().call(() -> repository.count("resourceId", subject) != 1));
    }

    private void send(String topic, String key, String value) throws Exception {
        sender.send(new ProducerRecord<>(topic, key, value)).toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private AuditEventEntity awaitRow(String eventId) {
        return await().atMost(Duration.ofSeconds(30)).until(
                () -> QuarkusTransaction.requiringNew().call(() -> repository.findById(eventId)),
                row -> row != null);
    }
}
