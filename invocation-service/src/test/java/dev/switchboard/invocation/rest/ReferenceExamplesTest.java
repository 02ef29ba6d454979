package dev.switchboard.invocation.rest;

import static dev.switchboard.invocation.Registry.awaitState;
import static dev.switchboard.invocation.Registry.createServer;
import static dev.switchboard.invocation.Registry.deleteServer;
import static dev.switchboard.invocation.Registry.stdioEverything;
import static dev.switchboard.invocation.Registry.uniqueName;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.notNullValue;

import dev.switchboard.invocation.McpTestServers;
import dev.switchboard.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The requests of the references' examples (MCP Connect's tools, connections, cache and monitor; the management
 * API's health and reload by server name; the single server's resource query; the account API's tools of one MCP and
 * its connection test), adapted only to DESIGN's paths and envelope, and the fields their example answers show. The
 * registry's side of 001 and 003 is the registry's {@code ReferenceExamplesTest}.
 */
@QuarkusTest
class ReferenceExamplesTest {

    private String name;
    private String id;

    @BeforeEach
    void connectAServer() {
        name = uniqueName("reference");
        id = createServer(stdioEverything(name).replace("}}",
                "},\"metadata\":{\"category\":\"development\",\"tags\":[\"demo\",\"reference\"]},"
                        + "\"cache\":{\"enabled\":true,\"tools\":[\"get-sum\"],\"ttlSeconds\":60}}"));
        awaitState(id, "connected");
    }

    @AfterEach
    void removeIt() {
        deleteServer(id);
    }

    private static RequestSpecification admin() {
        return given().auth().oauth2(TestTokens.admin());
    }

    @Test
    void listsToolsWithTheFieldsOfTheReference() {
        admin().contentType(ContentType.JSON).body("{\"arguments\":{\"message\":\"counted\"}}")
                .post("/api/tools/{name}/invoke", name + "__echo").then().statusCode(200);

        admin().get("/api/tools?query=echo&category=development&tags=demo&server=" + name + "&sortBy=usage&limit=50&offset=0")
                .then().statusCode(200)
                .body("data.total", equalTo(1))
                .body("data.limit", equalTo(50))
                .body("data.offset", equalTo(0))
                .body("data.items[0].name", equalTo("echo"))
                .body("data.items[0].qualifiedName", equalTo(name + "__echo"))
                .body("data.items[0].serverId", equalTo(id))
                .body("data.items[0].serverName", equalTo(name))
                .body("data.items[0].description", notNullValue())
                .body("data.items[0].inputSchema.type", equalTo("object"))
                .body("data.items[0].category", equalTo("development"))
                .body("data.items[0].tags", hasItem("reference"))
                .body("data.items[0].usageCount", equalTo(1))
                .body("data.items[0].lastUsedAt", notNullValue());
        admin().get("/api/tools/categories").then().statusCode(200)
                .body("data.find { it.name == 'development' }.count", greaterThan(0));
    }

    @Test
    void invokesWithTheReferencesBodyAndAnswersWithItsMetadata() {
        admin().contentType(ContentType.JSON).body("{\"arguments\":{\"message\":\"reference\"},\"serverId\":\"" + id + "\"}")
                .post("/api/tools/echo/invoke").then().statusCode(200)
                .body("data.content[0].type", equalTo("text"))
                .body("data.content[0].text", equalTo("Echo: reference"))
                .body("data.isError", equalTo(false))
                .body("data.metadata.serverId", equalTo(id))
                .body("data.metadata.serverName", equalTo(name))
                .body("data.metadata.durationMs", greaterThanOrEqualTo(0))
                .body("data.metadata.cached", equalTo(false));
    }

    @Test
    void connectsInBulkAndSumsUpAsTheReferenceDoes() {
        String unknown = UUID.randomUUID().toString();
        admin().contentType(ContentType.JSON).body("{\"serverIds\":[\"" + id + "\",\"" + unknown + "\"]}")
                .post("/api/connections/bulk/connect").then().statusCode(200)
                .body("data.results[0].serverId", equalTo(id))
                .body("data.results[0].status", equalTo("connected"))
                .body("data.results[0].toolCount", greaterThan(0))
                .body("data.results[1].serverId", equalTo(unknown))
                .body("data.results[1].error", notNullValue())
                .body("data.summary.total", equalTo(2))
                .body("data.summary.connected", equalTo(1))
                .body("data.summary.failed", equalTo(1));
    }

    @Test
    void showsCacheStatsAndClearsByPatternAndServer() {
        String sum = "{\"arguments\":{\"a\":1,\"b\":2}}";
        admin().contentType(ContentType.JSON).body(sum).post("/api/tools/{name}/invoke", name + "__get-sum").then().statusCode(200);
        admin().contentType(ContentType.JSON).body(sum).post("/api/tools/{name}/invoke", name + "__get-sum").then()
                .body("data.metadata.cached", equalTo(true));

        admin().get("/api/cache/stats").then().statusCode(200)
                .body("data.enabled", equalTo(true))
                .body("data.entries", greaterThanOrEqualTo(1))
                .body("data.hits", greaterThanOrEqualTo(1))
                .body("data.misses", greaterThanOrEqualTo(1))
                .body("data.hitRate", notNullValue())
                .body("data.memoryUsage", greaterThan(0))
                .body("data.oldestEntry", notNullValue());
        admin().delete("/api/cache?pattern=" + name + "/get-*&serverId=" + id).then().statusCode(200);
        admin().contentType(ContentType.JSON).body(sum).post("/api/tools/{name}/invoke", name + "__get-sum").then()
                .body("data.metadata.cached", equalTo(false));
    }

    @Test
    void monitorsServersActivityAndCircuitsWithTheReferencesFields() {
        admin().contentType(ContentType.JSON).body("{\"arguments\":{\"message\":\"watched\"}}")
                .post("/api/tools/{name}/invoke", name + "__echo").then().statusCode(200);

        admin().get("/api/monitor").then().statusCode(200)
                .body("data.overview.totalServers", greaterThanOrEqualTo(1))
                .body("data.overview.connectedServers", greaterThanOrEqualTo(1))
                .body("data.overview.totalTools", greaterThan(0))
                .body("data.overview.uptime", greaterThanOrEqualTo(0))
                .body("data.overview.requestsToday", greaterThanOrEqualTo(1))
                .body("data.servers.find { it.serverId == '" + id + "' }.calls", equalTo(1))
                .body("data.recentActivity.find { it.serverId == '" + id + "' }.tool", equalTo("echo"))
                .body("data.circuitBreakers.find { it.serverId == '" + id + "' }", hasKey("failures"));
        admin().get("/api/monitor/circuit-breakers").then().statusCode(200)
                .body("data.find { it.serverId == '" + id + "' }.serverName", equalTo(name))
                .body("data.find { it.serverId == '" + id + "' }.state", equalTo("closed"))
                .body("data.find { it.serverId == '" + id + "' }.failures", equalTo(0))
                .body("data.find { it.serverId == '" + id + "' }.successCount", equalTo(1))
                .body("data.find { it.serverId == '" + id + "' }.lastStateChange", notNullValue());
    }

    @Test
    void checksHealthAndReloadsAServerByItsNameAsTheManagementApiDoes() {
        admin().get("/api/connections/{server}/health", name).then().statusCode(200)
                .body("data.healthy", equalTo(true))
                .body("data.toolCount", greaterThan(0))
                .body("data.responseTimeMs", greaterThanOrEqualTo(0))
                .body("data.lastCheck", notNullValue());
        admin().post("/api/reload?server=" + name).then().statusCode(200)
                .body("data.known", equalTo(true));
        admin().get("/api/capabilities?server=" + name).then().statusCode(200)
                .body("data.servers[0].serverName", equalTo(name));
    }

    /**
     * 000's resource query and 003's "tools of one MCP" and "test a connection without saving it": one server's tools
     * by its id, a resource read by URI, and a configuration tried before it is saved.
     */
    @Test
    void readsOneServersToolsAndResourcesAndTriesAConfigurationBeforeSavingIt() {
        admin().get("/api/tools?server=" + id).then().statusCode(200)
                .body("data.items.name", hasItem("echo"))
                .body("data.items.serverId", everyItem(equalTo(id)));
        admin().contentType(ContentType.JSON).body("{\"serverId\":\"" + id + "\",\"uri\":\"demo://resource/dynamic/text/1\"}")
                .post("/api/resources/read").then().statusCode(200)
                .body("data.contents[0].uri", equalTo("demo://resource/dynamic/text/1"))
                .body("data.contents[0].text", notNullValue());

        String unsaved = "{\"transport\":{\"type\":\"stdio\",\"command\":\"node\",\"args\":[\""
                + McpTestServers.EVERYTHING + "\",\"stdio\"]}}";
        admin().contentType(ContentType.JSON).body(unsaved).post("/api/connections/test").then().statusCode(200)
                .body("data.success", equalTo(true))
                .body("data.toolCount", greaterThan(0));
        admin().contentType(ContentType.JSON).body(unsaved).post("/api/connections/test/tools").then().statusCode(200)
                .body("data.tools.name", hasItem("echo"))
                .body("data.tools[0].inputSchema", notNullValue());
    }

    /** 004's tool statistics, the calling key's recent tools and one tool's history, with the fields 004 names. */
    @Test
    void showsToolStatsRecentToolsAndHistoryAsTheReferenceDoes() {
        String keyId = "reference-key-" + UUID.randomUUID();
        String token = TestTokens.token(keyId, "admin", null, List.of());
        for (String call : List.of("echo", "echo", "get-sum")) {
            String arguments = call.equals("echo") ? "{\"message\":\"counted\"}" : "{\"a\":1,\"b\":2}";
            given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"arguments\":" + arguments + "}")
                    .post("/api/tools/{name}/invoke", name + "__" + call).then().statusCode(200);
        }

        given().auth().oauth2(token).get("/api/tools/stats").then().statusCode(200)
                .body("data.totalTools", greaterThan(2))
                .body("data.totalInvocations", greaterThanOrEqualTo(3))
                .body("data.topTools[0].name", equalTo("echo"))
                .body("data.topTools[0].qualifiedName", equalTo(name + "__echo"))
                .body("data.topTools[0].invocations", equalTo(2))
                .body("data.invocationsByDay[0].date", equalTo(LocalDate.now(ZoneOffset.UTC).toString()))
                .body("data.invocationsByDay[0].count", greaterThanOrEqualTo(3));
        given().auth().oauth2(token).get("/api/tools/recent?limit=10").then().statusCode(200)
                .body("data.qualifiedName", contains(name + "__get-sum", name + "__echo"))
                .body("data[0].name", equalTo("get-sum"))
                .body("data[0].lastUsedAt", notNullValue());
        given().auth().oauth2(token).get("/api/tools/recent?limit=51").then().statusCode(400)
                .body("errors.field", contains("limit"));
        given().auth().oauth2(token).get("/api/tools/{name}/history?limit=20", name + "__echo").then().statusCode(200)
                .body("data.tool", contains("echo", "echo"))
                .body("data[0].serverName", equalTo(name))
                .body("data[0].success", equalTo(true));
        given().auth().oauth2(token).get("/api/tools/{name}/history?from=" + LocalDate.now(ZoneOffset.UTC).plusDays(1),
                name + "__echo").then().statusCode(200).body("data", empty());
    }
}
