package dev.switchboard.audit.rest;

import static dev.switchboard.testsupport.AccessMatrix.Who.ADMIN;
import static dev.switchboard.testsupport.AccessMatrix.Who.MANAGER;
import static dev.switchboard.testsupport.AccessMatrix.Who.OTHER_TENANT_MANAGER;
import static dev.switchboard.testsupport.AccessMatrix.Who.SERVICE;
import static dev.switchboard.testsupport.AccessMatrix.Who.USER;
import static dev.switchboard.testsupport.AccessMatrix.call;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.audit.repository.AuditEventRepository;
import dev.switchboard.model.event.EventEnvelope;
import dev.switchboard.model.event.EventType;
import dev.switchboard.platform.events.EventPublisher;
import dev.switchboard.testsupport.AccessMatrix.Who;
import dev.switchboard.testsupport.AccessMatrix;
import dev.switchboard.testsupport.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** DESIGN §4 for every audit endpoint: who gets what, in one table. */
@QuarkusTest
class AuditAccessMatrixTest {

    @TestHTTPResource(value = "openapi", management = true)
    URL openApi;

    @Inject
    EventPublisher publisher;

    @Inject
    AuditEventRepository repository;

    @Inject
    ObjectMapper json;

    @Test
    void answersEveryCallerOfEveryEndpointAsTheTableSays() throws Exception {
        String tenant = UUID.randomUUID().toString();
        Map<Who, String> tokens = Map.of(ADMIN, TestTokens.admin(), MANAGER, TestTokens.forRole("manager", tenant),
                USER, TestTokens.forRole("user", tenant), SERVICE, TestTokens.forRole("service", null),
                OTHER_TENANT_MANAGER, TestTokens.forRole("manager", UUID.randomUUID().toString()));
        EventEnvelope event = EventEnvelope.of("/invocation-service", EventType.TOOL_INVOKED, UUID.randomUUID().toString(),
                tenant, "key-1", json.readTree("{\"tool\":\"echo\"}"));
        publisher.publish(event).toCompletableFuture().get(30, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew()
                .call(() -> repository.findById(event.id())) != null);

        List<AccessMatrix.Row> rows = List.of(
                call("GET", "/api/audit").expect(200, ADMIN, MANAGER, USER, OTHER_TENANT_MANAGER).expect(403, SERVICE).row(),
                call("GET", "/api/audit/{id}").path("/api/audit/" + event.id()).expect(200, ADMIN, MANAGER, USER)
                        .expect(403, SERVICE).expect(404, OTHER_TENANT_MANAGER).row(),
                call("GET", "/api/audit/export").expect(200, ADMIN, MANAGER, USER, OTHER_TENANT_MANAGER).expect(403, SERVICE).row(),
                call("GET", "/api/audit/stats").expect(200, ADMIN, MANAGER, USER, OTHER_TENANT_MANAGER).expect(403, SERVICE).row(),
                call("GET", "/api/audit/tools/{name}/history").path("/api/audit/tools/echo/history")
                        .expect(200, ADMIN, MANAGER, USER, OTHER_TENANT_MANAGER).expect(403, SERVICE).row(),
                call("GET", "/api/audit/recent").expect(200, ADMIN, MANAGER, USER, OTHER_TENANT_MANAGER).expect(403, SERVICE).row(),
                call("GET", "/api/events").stream().expect(200, ADMIN, MANAGER, USER, OTHER_TENANT_MANAGER)
                        .expect(403, SERVICE).row());

        assertEquals(List.of(), AccessMatrix.differences(rows, tokens));
        assertEquals(List.of(), AccessMatrix.uncovered(rows, given().accept(ContentType.JSON).get(openApi.toString())
                .then().statusCode(200).extract().jsonPath().getMap("paths")), "endpoints without rows");
    }
}
