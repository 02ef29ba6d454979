package dev.switchboard.invocation.service;

import static dev.switchboard.invocation.Registry.awaitState;
import static dev.switchboard.invocation.Registry.createServer;
import static dev.switchboard.invocation.Registry.stdioNode;
import static dev.switchboard.invocation.Registry.uniqueName;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.invocation.McpTestServers;
import dev.switchboard.invocation.Registry;
import dev.switchboard.model.event.Topics;
import dev.switchboard.testsupport.LogCapture;
import dev.switchboard.testsupport.TestTokens;
import dev.switchboard.testsupport.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What callers get when an upstream server misbehaves, and what operators see of it. */
@QuarkusTest
class UpstreamFailureTest {

    private final List<String> created = new ArrayList<>();

    @AfterEach
    void removeServers() {
        created.forEach(Registry::deleteServer);
        created.clear();
    }

    private String faultyServer(String name, Map<String, String> env) {
        String id = createServer(stdioNode(name, env, McpTestServers.FAULTY));
        created.add(id);
        awaitState(id, "connected");
        return id;
    }

    private static Response invoke(String tool) {
        return given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body("{\"arguments\":{}}")
                .post("/api/tools/{name}/invoke", tool);
    }

    @Test
    void aJsonRpcErrorFromTheServerAnswers502AndPublishesToolError() throws Exception {
        String name = uniqueName("refusing");
        String id = faultyServer(name, Map.of());

        invoke(name + "__refuse").then().statusCode(502)
                .contentType("application/problem+json")
                .body("code", equalTo("UPSTREAM_ERROR"))
                .body("detail", containsString("refused on purpose"));

        var records = TopicReader.read(Topics.INVOCATIONS, record -> id.equals(record.key()), 1, Duration.ofSeconds(30));
        JsonNode event = new ObjectMapper().readTree(records.get(0).value());
        assertEquals("tool.error", event.get("type").asText());
        assertEquals("failed", event.at("/data/status").asText());
        assertEquals("refuse", event.at("/data/tool").asText());
    }

    @Test
    void aServerThatExitsDuringTheCallAnswers502AndIsStartedAgain() {
        String name = uniqueName("crashing");
        String id = faultyServer(name, Map.of());

        String firstConnectedAt = connectedAt(id);

        invoke(name + "__crash").then().statusCode(502)
                .body("code", equalTo("UPSTREAM_ERROR"))
                .body("detail", equalTo("server " + name + " failed: the connection to the server was lost"));

        await().atMost(Duration.ofSeconds(30)).until(() -> {
            String now = connectedAt(id);
            return now != null && !now.equals(firstConnectedAt);
        });
        invoke(name + "__refuse").then().statusCode(502)
                .body("detail", containsString("refused on purpose"));
    }

    @Test
    void speaksTheOlderProtocolVersionOfAServerThatKnowsNoOther() {
        String name = uniqueName("old-protocol");
        String id = faultyServer(name, Map.of("PROTOCOL_VERSION", "2024-11-05"));

        given().auth().oauth2(TestTokens.admin()).get("/api/connections/{id}", id).then().statusCode(200)
                .body("data.protocolVersion", equalTo("2024-11-05"))
                .body("data.toolCount", equalTo(5));
        invoke(name + "__refuse").then().statusCode(502)
                .body("detail", containsString("refused on purpose"));
    }

    @Test
    void logsWhatAStdioServerWritesToStderrUnderItsName() {
        String name = uniqueName("talkative");
        try (LogCapture log = LogCapture.start()) {
            faultyServer(name, Map.of());
            await().atMost(Duration.ofSeconds(10)).until(() -> log.lines().contains(
                    "dev.switchboard.invocation.upstream.stderr [" + name + "] faulty server ready, speaking any protocol version"));
        }
    }

    private static String connectedAt(String serverId) {
        return given().auth().oauth2(TestTokens.admin()).get("/api/connections/{id}", serverId).then()
                .extract().path("data.connectedAt");
    }
}
