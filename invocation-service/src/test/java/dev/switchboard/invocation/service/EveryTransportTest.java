package dev.switchboard.invocation.service;

import static dev.switchboard.invocation.Registry.awaitState;
import static dev.switchboard.invocation.Registry.createServer;
import static dev.switchboard.invocation.Registry.deleteServer;
import static dev.switchboard.invocation.Registry.remote;
import static dev.switchboard.invocation.Registry.stdioEverything;
import static dev.switchboard.invocation.Registry.stdioNode;
import static dev.switchboard.invocation.Registry.uniqueName;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.invocation.McpTestServers;
import dev.switchboard.model.event.Topics;
import dev.switchboard.testsupport.TestTokens;
import dev.switchboard.testsupport.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Connect, list, invoke, read a resource and get a prompt, against the real everything server on each transport. */
@QuarkusTest
class EveryTransportTest {

    @Test
    void worksOverStdio() {
        String name = uniqueName("stdio");
        registerAndExercise(name, stdioEverything(name));
    }

    @Test
    void worksOverLegacySse() {
        try (McpTestServers.Running upstream = McpTestServers.everything("sse")) {
            String name = uniqueName("sse");
            registerAndExercise(name, remote(name, "sse", upstream.url("/sse")));
        }
    }

    @Test
    void worksOverStreamableHttp() {
        try (McpTestServers.Running upstream = McpTestServers.everything("streamableHttp")) {
            String name = uniqueName("http");
            registerAndExercise(name, remote(name, "http", upstream.url("/mcp")));
        }
    }

    @Test
    void worksOverWebSocketThroughSupergateway() {
        try (McpTestServers.Running upstream = McpTestServers.everythingOverWebSocket()) {
            String name = uniqueName("ws");
            registerAndExercise(name, remote(name, "websocket", upstream.url("/message").replace("http://", "ws://")));
        }
    }

    private static void registerAndExercise(String name, String server) {
        String id = createServer(server);
        try {
            exercise(id, name);
        } finally {
            deleteServer(id);
        }
    }

    @Test
    void keepsWhatTheMemoryServerIsToldOverStdio() {
        String name = uniqueName("memory");
        String file = Path.of("target", name + ".jsonl").toAbsolutePath().toString();
        String id = createServer(stdioNode(name, Map.of("MEMORY_FILE_PATH", file), McpTestServers.MEMORY));
        try {
            awaitState(id, "connected");
            String admin = TestTokens.admin();
            given().auth().oauth2(admin).contentType(ContentType.JSON)
                    .body("{\"arguments\":{\"entities\":[{\"name\":\"Switchboard\",\"entityType\":\"gateway\","
                            + "\"observations\":[\"routes MCP calls\"]}]}}")
                    .post("/api/tools/{name}/invoke", name + "__create_entities").then().statusCode(200)
                    .body("data.isError", equalTo(false));
            given().auth().oauth2(admin).contentType(ContentType.JSON).body("{\"arguments\":{}}")
                    .post("/api/tools/{name}/invoke", name + "__read_graph").then().statusCode(200)
                    .body("data.content[0].text", containsString("routes MCP calls"));
        } finally {
            deleteServer(id);
        }
    }

    @Test
    void refreshesTheCatalogWhenTheServerSaysItsListsChanged() throws Exception {
        String name = uniqueName("changing");
        String id = createServer(stdioNode(name, Map.of(), McpTestServers.CHANGING));
        try {
            awaitState(id, "connected");
            String admin = TestTokens.admin();
            given().auth().oauth2(admin).contentType(ContentType.JSON).body("{}")
                    .post("/api/tools/{name}/invoke", name + "__grow").then().statusCode(200)
                    .body("data.content[0].text", equalTo("added grown-1"));
            await().atMost(Duration.ofSeconds(30)).until(() -> given().auth().oauth2(admin).get("/api/tools?server=" + name)
                    .then().extract().jsonPath().getList("data.items.name").contains("grown-1"));
            given().auth().oauth2(admin).contentType(ContentType.JSON).body("{}")
                    .post("/api/tools/{name}/invoke", name + "__grown-1").then().statusCode(200)
                    .body("data.content[0].text", equalTo("grown-1"));
            await().atMost(Duration.ofSeconds(30)).until(() -> given().auth().oauth2(admin)
                    .get("/api/connections/{id}/prompts", id).then().extract().jsonPath()
                    .getList("data.prompts.name").contains("grown-1"));
            await().atMost(Duration.ofSeconds(30)).until(() -> given().auth().oauth2(admin)
                    .get("/api/connections/{id}/resources", id).then().extract().jsonPath()
                    .getList("data.resources.uri").contains("grown://1"));
            var changes = TopicReader.read(Topics.CONNECTIONS, record -> id.equals(record.key())
                    && record.value().contains("catalog.changed") && record.value().contains("grown-1"), 3, Duration.ofSeconds(30));
            assertEquals(3, changes.size(), "one catalog.changed for each list that changed");
        } finally {
            deleteServer(id);
        }
    }

    private static void exercise(String id, String name) {
        awaitState(id, "connected");
        String admin = TestTokens.admin();
        given().auth().oauth2(admin).get("/api/connections/{id}", id).then().statusCode(200)
                .body("data.toolCount", greaterThan(5))
                .body("data.protocolVersion", notNullValue());
        given().auth().oauth2(admin).get("/api/tools?server=" + name + "&limit=100").then().statusCode(200)
                .body("data.items.qualifiedName", hasItems(name + "__echo", name + "__get-sum"))
                .body("data.items.find { it.name == 'echo' }.inputSchema.properties.message.type", equalTo("string"));

        given().auth().oauth2(admin).contentType(ContentType.JSON).body("{\"arguments\":{\"message\":\"hello\"}}")
                .post("/api/tools/{name}/invoke", name + "__echo").then().statusCode(200)
                .body("data.content[0].type", equalTo("text"))
                .body("data.content[0].text", equalTo("Echo: hello"))
                .body("data.isError", equalTo(false))
                .body("data.metadata.serverName", equalTo(name))
                .body("data.metadata.cached", equalTo(false));

        given().auth().oauth2(admin).get("/api/connections/{id}/resources", id).then().statusCode(200)
                .body("data.resourceTemplates.uriTemplate", hasItem("demo://resource/dynamic/text/{resourceId}"));
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body("{\"serverId\":\"" + id + "\",\"uri\":\"demo://resource/dynamic/text/7\"}")
                .post("/api/resources/read").then().statusCode(200)
                .body("data.contents[0].uri", equalTo("demo://resource/dynamic/text/7"))
                .body("data.contents[0].text", notNullValue());

        given().auth().oauth2(admin).get("/api/connections/{id}/prompts", id).then().statusCode(200)
                .body("data.prompts.name", hasItem("simple-prompt"));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body("{\"serverId\":\"" + id + "\"}")
                .post("/api/prompts/simple-prompt/get").then().statusCode(200)
                .body("data.messages[0].role", equalTo("user"));

        given().auth().oauth2(admin).get("/api/connections/{id}/health", id).then().statusCode(200)
                .body("data.error", nullValue()).body("data.healthy", equalTo(true))
                .body("data.responseTimeMs", notNullValue());
    }
}
