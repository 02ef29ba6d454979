package dev.switchboard.invocation.service;

import static dev.switchboard.invocation.Registry.awaitState;
import static dev.switchboard.invocation.Registry.createServer;
import static dev.switchboard.invocation.Registry.deleteServer;
import static dev.switchboard.invocation.Registry.patchServer;
import static dev.switchboard.invocation.Registry.stdioEverything;
import static dev.switchboard.invocation.Registry.uniqueName;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;

import dev.switchboard.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Registry changes reach the connections within about a second; connections can also be steered by hand. */
@QuarkusTest
class ConnectionLifecycleTest {

    @Test
    void followsTheRegistryThroughDisableEnableAndDelete() {
        String id = createServer(stdioEverything(uniqueName("lifecycle")));
        awaitState(id, "connected");
        patchServer(id, "{\"enabled\":false}");
        awaitState(id, "disconnected");
        patchServer(id, "{\"enabled\":true}");
        awaitState(id, "connected");
        deleteServer(id);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                given().auth().oauth2(TestTokens.admin()).get("/api/connections/{id}", id).statusCode() == 404);
    }

    @Test
    void connectsAndDisconnectsInBulkReportingEachServer() {
        String first = createServer(stdioEverything(uniqueName("bulk-a")));
        String second = createServer(stdioEverything(uniqueName("bulk-b")));
        try {
            awaitState(first, "connected");
            awaitState(second, "connected");
            String unknown = UUID.randomUUID().toString();
            given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                    .body("{\"serverIds\":[\"" + first + "\",\"" + second + "\",\"" + unknown + "\"]}")
                    .post("/api/connections/bulk/disconnect").then().statusCode(200)
                    .body("data.summary.total", equalTo(3))
                    .body("data.summary.connected", equalTo(0))
                    .body("data.summary.failed", equalTo(1))
                    .body("data.results.success", contains(true, true, false));
            given().auth().oauth2(TestTokens.admin()).get("/api/connections/{id}", first).then()
                    .body("data.state", equalTo("disconnected"));

            given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                    .body("{\"serverIds\":[\"" + first + "\",\"" + second + "\"]}")
                    .post("/api/connections/bulk/connect").then().statusCode(200)
                    .body("data.summary.connected", equalTo(2))
                    .body("data.summary.failed", equalTo(0));
            given().auth().oauth2(TestTokens.admin()).post("/api/connections/{id}/disconnect", first).then().statusCode(200)
                    .body("data.state", equalTo("disconnected"));
            given().auth().oauth2(TestTokens.admin()).post("/api/connections/{id}/connect", first).then().statusCode(200)
                    .body("data.state", equalTo("connected"));
        } finally {
            deleteServer(first);
            deleteServer(second);
        }
    }

    @Test
    void keepsOtherTenantsConnectionsOutOfReach() {
        String id = createServer(stdioEverything(uniqueName("private")));
        try {
            awaitState(id, "connected");
            String manager = TestTokens.forRole("manager", UUID.randomUUID().toString());
            given().auth().oauth2(manager).post("/api/connections/{id}/disconnect", id).then().statusCode(404);
            given().auth().oauth2(manager).get("/api/connections/{id}/health", id).then().statusCode(404);
            given().auth().oauth2(TestTokens.forRole("user", UUID.randomUUID().toString()))
                    .post("/api/connections/{id}/disconnect", id).then().statusCode(403);
            given().auth().oauth2(manager).get("/api/connections").then().statusCode(200).body("data.size()", equalTo(0));
        } finally {
            deleteServer(id);
        }
    }

    @Test
    void addressesAServerByNameAsWellAsById() {
        String name = uniqueName("by-name");
        String id = createServer(stdioEverything(name));
        try {
            awaitState(id, "connected");
            given().auth().oauth2(TestTokens.admin()).get("/api/connections/{server}/health", name).then().statusCode(200)
                    .body("data.serverId", equalTo(id))
                    .body("data.healthy", equalTo(true));
            given().auth().oauth2(TestTokens.admin()).get("/api/connections/{server}", name).then().statusCode(200)
                    .body("data.serverId", equalTo(id));
            // The server registers some prompts after the handshake and announces them with list_changed.
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(TestTokens.admin())
                    .get("/api/connections/{server}/prompts", name).then().statusCode(200)
                    .body("data.prompts.name", hasItem("simple-prompt")));
            given().auth().oauth2(TestTokens.admin()).post("/api/reload?server=" + name).then().statusCode(200)
                    .body("data.server", equalTo(id))
                    .body("data.known", equalTo(true));
            given().auth().oauth2(TestTokens.admin()).post("/api/reload?server=no-such-server").then().statusCode(404)
                    .body("code", equalTo("NOT_FOUND"));
            given().auth().oauth2(TestTokens.admin()).get("/api/connections/a%00b/health").then().statusCode(400)
                    .body("code", equalTo("VALIDATION_ERROR"));
            given().auth().oauth2(TestTokens.admin()).post("/api/reload?server=" + "x".repeat(65)).then().statusCode(400)
                    .body("code", equalTo("VALIDATION_ERROR"));
            given().auth().oauth2(TestTokens.forRole("manager", UUID.randomUUID().toString()))
                    .get("/api/connections/{server}/health", name).then().statusCode(404);
        } finally {
            deleteServer(id);
        }
    }

    @Test
    void reloadsFromTheRegistryOnRequest() {
        String id = createServer(stdioEverything(uniqueName("reloaded")));
        try {
            awaitState(id, "connected");
            given().auth().oauth2(TestTokens.admin()).post("/api/reload").then().statusCode(200)
                    .body("data.servers", greaterThanOrEqualTo(1));
            given().auth().oauth2(TestTokens.admin()).post("/api/reload?server=" + id).then().statusCode(200)
                    .body("data.known", equalTo(true));
            given().auth().oauth2(TestTokens.admin()).post("/api/reload?server=" + UUID.randomUUID()).then().statusCode(200)
                    .body("data.known", equalTo(false));
            given().auth().oauth2(TestTokens.forRole("manager", UUID.randomUUID().toString())).post("/api/reload")
                    .then().statusCode(403);
        } finally {
            deleteServer(id);
        }
    }
}
