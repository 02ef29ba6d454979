package dev.switchboard.registry.messaging;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.localstack.TestTokens;
import dev.switchboard.model.event.EventEnvelope;
import dev.switchboard.model.event.EventType;
import dev.switchboard.platform.events.EventPublisher;
import dev.switchboard.registry.repository.ServerStatusRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ConnectionEventConsumerTest {

    @Inject
    EventPublisher publisher;

    @Inject
    ServerStatusRepository repository;

    @Inject
    ObjectMapper json;

    @Test
    void showsTheStatusAndCountsThatTheInvocationServiceReported() throws Exception {
        String serverId = UUID.randomUUID().toString();
        EventEnvelope connected = event(EventType.SERVER_CONNECTED, serverId,
                "{\"toolCount\":11,\"promptCount\":3,\"resourceCount\":7}", Instant.now());

        publisher.publish(connected).toCompletableFuture().get(30, TimeUnit.SECONDS);
        awaitEvent(serverId, connected.id());

        given().auth().oauth2(TestTokens.forRole("user", "tenant-a"))
                .get("/api/servers/{id}/status", serverId)
                .then().statusCode(200)
                .body("data.status", equalTo("connected"))
                .body("data.toolCount", equalTo(11))
                .body("data.promptCount", equalTo(3))
                .body("data.resourceCount", equalTo(7));
    }

    @Test
    void ignoresAnEventOlderThanTheStatusItHas() throws Exception {
        String serverId = UUID.randomUUID().toString();
        Instant now = Instant.now();
        EventEnvelope error = event(EventType.SERVER_ERROR, serverId, "{\"error\":\"spawn npx ENOENT\"}", now);
        EventEnvelope staleConnect = event(EventType.SERVER_CONNECTED, serverId, "{\"toolCount\":1}", now.minusSeconds(60));
        EventEnvelope catalog = event(EventType.CATALOG_CHANGED, serverId,
                "{\"tools\":[{\"name\":\"echo\"},{\"name\":\"add\"}]}", now.plusSeconds(1));

        publisher.publish(error).toCompletableFuture().get(30, TimeUnit.SECONDS);
        publisher.publish(staleConnect).toCompletableFuture().get(30, TimeUnit.SECONDS);
        publisher.publish(catalog).toCompletableFuture().get(30, TimeUnit.SECONDS);
        awaitEvent(serverId, catalog.id());

        given().auth().oauth2(TestTokens.admin())
                .get("/api/servers/{id}/status", serverId)
                .then().statusCode(200)
                .body("data.status", equalTo("error"))
                .body("data.lastError", equalTo("spawn npx ENOENT"))
                .body("data.toolCount", equalTo(2));
    }

    @Test
    void hidesAnotherTenantsServerStatusAsNotFound() throws Exception {
        String serverId = UUID.randomUUID().toString();
        EventEnvelope connected = event(EventType.SERVER_CONNECTED, serverId, "{\"toolCount\":1}", Instant.now());
        publisher.publish(connected).toCompletableFuture().get(30, TimeUnit.SECONDS);
        awaitEvent(serverId, connected.id());

        given().auth().oauth2(TestTokens.forRole("manager", "tenant-b"))
                .get("/api/servers/{id}/status", serverId)
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("code", equalTo("NOT_FOUND"));
    }

    private EventEnvelope event(EventType type, String serverId, String data, Instant time) throws Exception {
        EventEnvelope fresh = EventEnvelope.of("/invocation-service", type, serverId, "tenant-a", null, json.readTree(data));
        return new EventEnvelope(fresh.specversion(), fresh.id(), fresh.source(), fresh.type(), time, fresh.subject(),
                fresh.datacontenttype(), fresh.tenantid(), fresh.actorid(), fresh.data());
    }

    private void awaitEvent(String serverId, String eventId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew().call(
                () -> repository.findByIdOptional(serverId).map(status -> eventId.equals(status.lastEventId)).orElse(false)));
    }
}
