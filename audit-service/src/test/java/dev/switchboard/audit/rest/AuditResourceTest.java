package dev.switchboard.audit.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.audit.repository.AuditEventRepository;
import dev.switchboard.model.event.EventEnvelope;
import dev.switchboard.model.event.EventType;
import dev.switchboard.platform.events.EventPublisher;
import dev.switchboard.testsupport.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AuditResourceTest {

    @Inject
    EventPublisher publisher;

    @Inject
    AuditEventRepository repository;

    @Inject
    ObjectMapper json;

    private EventEnvelope stored;

    @BeforeEach
    void storeOneEvent() throws Exception {
        stored = EventEnvelope.of("/registry-service", EventType.GROUP_CREATED, UUID.randomUUID().toString(), "tenant-a",
                "key-1", json.readTree("{\"name\":\"dev tools\"}"));
        publisher.publish(stored).toCompletableFuture().get(30, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> QuarkusTransaction.requiringNew().call(() -> repository.findById(stored.id())) != null);
    }

    @Test
    void givesAnAdminAnyStoredEvent() {
        given().auth().oauth2(TestTokens.admin())
                .get("/api/audit/{id}", stored.id())
                .then().statusCode(200)
                .body("success", equalTo(true))
                .body("data.id", equalTo(stored.id()))
                .body("data.type", equalTo("group.created"))
                .body("data.resourceType", equalTo("group"))
                .body("data.event.data.name", equalTo("dev tools"));
    }

    @Test
    void givesAManagerTheEventsOfItsOwnTenant() {
        given().auth().oauth2(TestTokens.forRole("manager", "tenant-a"))
                .get("/api/audit/{id}", stored.id())
                .then().statusCode(200)
                .body("data.tenantId", equalTo("tenant-a"));
    }

    @Test
    void hidesAnotherTenantsEventAsNotFound() {
        given().auth().oauth2(TestTokens.forRole("user", "tenant-b"))
                .get("/api/audit/{id}", stored.id())
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("code", equalTo("NOT_FOUND"));
    }

    @Test
    void refusesATokenOnceItsKeyIsRevokedAnywhere() throws Exception {
        String keyId = UUID.randomUUID().toString();
        String token = TestTokens.token(keyId, "admin", null, java.util.List.of());
        given().auth().oauth2(token).get("/api/audit/{id}", stored.id()).then().statusCode(200);

        publisher.publish(EventEnvelope.of("/registry-service", EventType.API_KEY_REVOKED, keyId, null, "admin-key",
                json.readTree("{}"))).toCompletableFuture().get(30, TimeUnit.SECONDS);

        await().atMost(Duration.ofSeconds(15)).until(
                () -> given().auth().oauth2(token).get("/api/audit/{id}", stored.id()).statusCode() == 401);
        given().auth().oauth2(token).get("/api/audit/{id}", stored.id()).then()
                .contentType("application/problem+json").body("code", equalTo("UNAUTHORIZED"));
    }

    @Test
    void refusesARoleThatIsNotAllowed() {
        given().auth().oauth2(TestTokens.forRole("guest", "tenant-a"))
                .get("/api/audit/{id}", stored.id())
                .then().statusCode(403)
                .contentType("application/problem+json")
                .body("code", equalTo("FORBIDDEN"));
    }
}
