package dev.switchboard.invocation.service;

import static dev.switchboard.invocation.Registry.awaitState;
import static dev.switchboard.invocation.Registry.createServer;
import static dev.switchboard.invocation.Registry.deleteServer;
import static dev.switchboard.invocation.Registry.uniqueName;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.invocation.McpTestServers;
import dev.switchboard.model.event.Topics;
import dev.switchboard.testsupport.TestTokens;
import dev.switchboard.testsupport.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A WebSocket server's own heartbeat and reconnect policy decide when its connection is lost and how it comes back. */
@QuarkusTest
class WebSocketResilienceTest {

    private static String webSocketServer(String name, String url, String heartbeat, String reconnect) {
        return "{\"name\":\"" + name + "\",\"transport\":{\"type\":\"websocket\",\"url\":\"" + url + "\","
                + "\"heartbeat\":" + heartbeat + ",\"reconnect\":" + reconnect + "}}";
    }

    /** What this service reports of the server; {@code data} is absent until the registry's event has arrived. */
    private static JsonPath status(String id) {
        return given().auth().oauth2(TestTokens.admin()).get("/api/connections/{id}", id).then().extract().jsonPath();
    }

    @Test
    void dropsAConnectionWhosePongsStopAndReconnectsOnceTheServerAnswersAgain() {
        try (McpTestServers.Running gateway = McpTestServers.everythingOverWebSocket()) {
            String name = uniqueName("ws-hung");
            String id = createServer(webSocketServer(name, gateway.url("/message").replace("http://", "ws://"),
                    "{\"enabled\":true,\"intervalMs\":1000,\"timeoutMs\":500}",
                    "{\"enabled\":true,\"maxAttempts\":0,\"initialDelayMs\":200,\"maxDelayMs\":1000,\"backoffMultiplier\":2}"));
            try {
                awaitState(id, "connected");
                gateway.suspend();
                try {
                    await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() ->
                            "the connection was lost: heartbeat timed out".equals(status(id).getString("data.lastError")));
                } finally {
                    gateway.resume();
                }
                awaitState(id, "connected");
                given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                        .body("{\"arguments\":{\"message\":\"back\"}}").post("/api/tools/{name}/invoke", name + "__echo")
                        .then().statusCode(200).body("data.content[0].text", equalTo("Echo: back"));
            } finally {
                deleteServer(id);
            }
        }
    }

    @Test
    void givesUpAfterTheFirstAttemptAndMaxAttemptsMore() {
        String unused = "ws://127.0.0.1:" + McpTestServers.freePort() + "/message";
        String id = createServer(webSocketServer(uniqueName("ws-gone"), unused,
                "{\"enabled\":false,\"intervalMs\":30000,\"timeoutMs\":10000}",
                "{\"enabled\":true,\"maxAttempts\":2,\"initialDelayMs\":100,\"maxDelayMs\":1000,\"backoffMultiplier\":2}"));
        try {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
                JsonPath status = status(id);
                return "error".equals(status.getString("data.state")) && status.get("data.nextAttemptAt") == null;
            });
            var errors = TopicReader.read(Topics.CONNECTIONS,
                    record -> id.equals(record.key()) && record.value().contains("\"server.error\""), 4, Duration.ofSeconds(5));
            assertEquals(3, errors.size(), "one server.error per attempt, and no attempt after the third");
        } finally {
            deleteServer(id);
        }
    }
}
