package dev.switchboard.audit.messaging;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.audit.repository.AuditEventRepository;
import dev.switchboard.localstack.EmbeddedKafkaBroker;
import dev.switchboard.model.event.EventEnvelope;
import dev.switchboard.model.event.EventType;
import dev.switchboard.platform.events.EventPublisher;
import dev.switchboard.testsupport.LocalStackTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AuditIngestFaultTest {

    private static final int EVENTS = 600;

    @Inject
    EventPublisher publisher;

    @Inject
    AuditEventRepository repository;

    @Inject
    ObjectMapper json;

    @Test
    void storesEveryAcknowledgedEventOnceAcrossABrokerOutageMidStream() throws Exception {
        String tenant = "fault-" + UUID.randomUUID();
        List<String> acknowledged = new CopyOnWriteArrayList<>();
        EmbeddedKafkaBroker broker = LocalStackTestResource.shared().kafka();

        CompletableFuture<Void> producing = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < EVENTS; i++) {
                try {
                    EventEnvelope event = EventEnvelope.of("/fault-test", EventType.TOOL_INVOKED, "s-" + (i % 7), tenant,
                            "k", json.readTree("{\"tool\":\"echo\",\"sequence\":" + i + "}"));
                    publisher.publish(event).toCompletableFuture().get(60, TimeUnit.SECONDS);
                    acknowledged.add(event.id());
                    Thread.sleep(5);
                } catch (Exception e) {
                    // Not acknowledged, so not counted as produced.
                }
            }
        });

        await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= EVENTS / 3);
        broker.stop();
        Thread.sleep(3000);
        broker.start();
        producing.get(5, TimeUnit.MINUTES);

        assertTrue(acknowledged.size() > EVENTS / 3, "events were produced around the outage");
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).until(
                () -> QuarkusTransaction.requiringNew().call(() -> repository.count("tenantId", tenant)),
                count -> count >= acknowledged.size());
        long stored = QuarkusTransaction.requiringNew().call(() -> repository.count("tenantId", tenant));
        long storedAcknowledged = QuarkusTransaction.requiringNew().call(
                () -> repository.count("tenantId = ?1 and eventId in ?2", tenant, acknowledged));
        assertEquals(acknowledged.size(), storedAcknowledged, "every acknowledged event is stored");
        assertEquals(stored, storedAcknowledged, "and nothing is stored twice or out of thin air");
    }
}
