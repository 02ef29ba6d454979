package dev.switchboard.webhook.rest;

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
import dev.switchboard.model.event.EventEnvelope;
import dev.switchboard.model.event.EventType;
import dev.switchboard.platform.events.EventPublisher;
import dev.switchboard.testsupport.AccessMatrix.Who;
import dev.switchboard.testsupport.AccessMatrix;
import dev.switchboard.testsupport.TestTokens;
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

/** DESIGN §4 for every webhook endpoint: who gets what, in one table. */
@QuarkusTest
class WebhookAccessMatrixTest {

    private static final String SUBSCRIBE = "{\"url\":\"http://127.0.0.1:9/hooks\",\"events\":[\"server.*\"]}";

    @TestHTTPResource(value = "openapi", management = true)
    URL openApi;

    @Inject
    EventPublisher publisher;

    @Inject
    ObjectMapper json;

    @Test
    void answersEveryCallerOfEveryEndpointAsTheTableSays() throws Exception {
        String tenant = UUID.randomUUID().toString();
        String manager = TestTokens.forRole("manager", tenant);
        Map<Who, String> tokens = Map.of(ADMIN, TestTokens.admin(), MANAGER, manager,
                USER, TestTokens.forRole("user", tenant), SERVICE, TestTokens.forRole("service", null),
                OTHER_TENANT_MANAGER, TestTokens.forRole("manager", UUID.randomUUID().toString()));
        String webhook = subscribe(manager);
        publisher.publish(EventEnvelope.of("/registry-service", EventType.SERVER_CREATED, UUID.randomUUID().toString(),
                tenant, "key-1", json.readTree("{\"name\":\"github\"}"))).toCompletableFuture().get(30, TimeUnit.SECONDS);
        String delivery = await().atMost(Duration.ofSeconds(30)).until(() -> given().auth().oauth2(manager)
                .get("/api/webhooks/{id}/deliveries", webhook).then().extract().path("data.items[0].id"), id -> id != null);
        String base = "/api/webhooks/" + webhook;

        List<AccessMatrix.Row> rows = List.of(
                call("POST", "/api/webhooks").body(SUBSCRIBE).expect(201, ADMIN, MANAGER, OTHER_TENANT_MANAGER)
                        .expect(403, USER, SERVICE).row(),
                call("GET", "/api/webhooks").expect(200, ADMIN, MANAGER, OTHER_TENANT_MANAGER).expect(403, USER, SERVICE).row(),
                call("GET", "/api/webhooks/{id}").path(base).expect(200, ADMIN, MANAGER)
                        .expect(403, USER, SERVICE).expect(404, OTHER_TENANT_MANAGER).row(),
                call("GET", "/api/webhooks/{id}/deliveries").path(base + "/deliveries").expect(200, ADMIN, MANAGER)
                        .expect(403, USER, SERVICE).expect(404, OTHER_TENANT_MANAGER).row(),
                call("GET", "/api/webhooks/{id}/deliveries/{deliveryId}").path(base + "/deliveries/" + delivery)
                        .expect(200, ADMIN, MANAGER).expect(403, USER, SERVICE).expect(404, OTHER_TENANT_MANAGER).row(),
                call("POST", "/api/webhooks/{id}/deliveries/{deliveryId}/redeliver")
                        .path(base + "/deliveries/" + delivery + "/redeliver").expect(202, ADMIN, MANAGER)
                        .expect(403, USER, SERVICE).expect(404, OTHER_TENANT_MANAGER).row(),
                call("POST", "/api/webhooks/{id}/replay").path(base + "/replay?since=2026-01-01").expect(202, ADMIN, MANAGER)
                        .expect(403, USER, SERVICE).expect(404, OTHER_TENANT_MANAGER).row(),
                call("PUT", "/api/webhooks/{id}").path(base).body(SUBSCRIBE).expect(200, ADMIN, MANAGER)
                        .expect(403, USER, SERVICE).expect(404, OTHER_TENANT_MANAGER).row(),
                call("PATCH", "/api/webhooks/{id}").path(base).body("{\"description\":\"matrix\"}").expect(200, ADMIN, MANAGER)
                        .expect(403, USER, SERVICE).expect(404, OTHER_TENANT_MANAGER).row(),
                call("POST", "/api/webhooks/{id}/rotate-secret").path(base + "/rotate-secret").expect(200, ADMIN, MANAGER)
                        .expect(403, USER, SERVICE).expect(404, OTHER_TENANT_MANAGER).row(),
                call("POST", "/api/webhooks/{id}/test").path(base + "/test").expect(200, ADMIN, MANAGER)
                        .expect(403, USER, SERVICE).expect(404, OTHER_TENANT_MANAGER).row(),
                call("DELETE", "/api/webhooks/{id}").path(() -> "/api/webhooks/" + subscribe(manager))
                        .expect(204, ADMIN, MANAGER).expect(403, USER, SERVICE).expect(404, OTHER_TENANT_MANAGER).row());

        assertEquals(List.of(), AccessMatrix.differences(rows, tokens));
        assertEquals(List.of(), AccessMatrix.uncovered(rows, given().accept(ContentType.JSON).get(openApi.toString())
                .then().statusCode(200).extract().jsonPath().getMap("paths")), "endpoints without rows");
    }

    private static String subscribe(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(SUBSCRIBE).post("/api/webhooks")
                .then().statusCode(201).extract().path("data.id");
    }
}
