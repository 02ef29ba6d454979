package dev.switchboard.invocation.messaging;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.invocation.repository.DirectoryEntryEntity;
import dev.switchboard.invocation.repository.ServerDirectoryRepository;
import dev.switchboard.localstack.TestTokens;
import dev.switchboard.model.event.EventEnvelope;
import dev.switchboard.model.event.EventType;
import dev.switchboard.platform.events.EventPublisher;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RegistryEventConsumerTest {

    @Inject
    EventPublisher publisher;

    @Inject
    ServerDirectoryRepository repository;

    @Inject
    ObjectMapper json;

    @Test
    void followsAServerFromCreationThroughDisableAndDelete() throws Exception {
        String serverId = UUID.randomUUID().toString();
        long serversBefore = servers();

        DirectoryEntryEntity created = untilAssigned(serverId);
        assertEquals("github", created.name);
        assertTrue(created.enabled);
        assertEquals(serversBefore + 1, servers());

        assertFalse(publishAndAwait(EventType.SERVER_DISABLED, serverId, null).enabled);
        assertTrue(publishAndAwait(EventType.SERVER_DELETED, serverId, null).deleted);
        assertEquals(serversBefore, servers());
    }

    /**
     * The broadcast consumer starts at the latest offset, so an event sent before it has its partitions is not
     * for it to see; send the creation until it has arrived.
     */
    private DirectoryEntryEntity untilAssigned(String serverId) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            publisher.publish(EventEnvelope.of("/registry-service", EventType.SERVER_CREATED, serverId, "tenant-a",
                    "key-1", json.readTree("{\"name\":\"github\",\"enabled\":true}"))).toCompletableFuture().get(30, TimeUnit.SECONDS);
            return QuarkusTransaction.requiringNew().call(() -> repository.findById(serverId));
        }, entry -> entry != null);
    }

    private long servers() {
        return given().auth().oauth2(TestTokens.admin()).get("/api/monitor")
                .then().statusCode(200).extract().jsonPath().getLong("data.servers");
    }

    private DirectoryEntryEntity publishAndAwait(EventType type, String serverId, String data) throws Exception {
        EventEnvelope event = EventEnvelope.of("/registry-service", type, serverId, "tenant-a", "key-1",
                data == null ? null : json.readTree(data));
        publisher.publish(event).toCompletableFuture().get(30, TimeUnit.SECONDS);
        return await().atMost(Duration.ofSeconds(30)).until(
                () -> QuarkusTransaction.requiringNew().call(() -> repository.findById(serverId)),
                entry -> entry != null && event.id().equals(entry.lastEventId));
    }
}
