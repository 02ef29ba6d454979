package dev.switchboard.invocation.service;

import static dev.switchboard.invocation.Registry.awaitState;
import static dev.switchboard.invocation.Registry.createServer;
import static dev.switchboard.invocation.Registry.createTenant;
import static dev.switchboard.invocation.Registry.deleteServer;
import static dev.switchboard.invocation.Registry.stdioEverything;
import static dev.switchboard.invocation.Registry.uniqueName;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.invocation.Registry;
import dev.switchboard.model.event.Topics;
import dev.switchboard.testsupport.ChunkedPost;
import dev.switchboard.testsupport.TestTokens;
import dev.switchboard.testsupport.TopicReader;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Calling tools through the gateway: permissions, names, arguments, limits, timeouts and events. */
@QuarkusTest
class ToolInvocationTest {

    @TestHTTPResource(value = "metrics", management = true)
    URL metrics;

    private final List<String> created = new ArrayList<>();

    @AfterEach
    void removeServers() {
        created.forEach(Registry::deleteServer);
        created.clear();
    }

    private String server(String json) {
        String id = createServer(json);
        created.add(id);
        awaitState(id, "connected");
        return id;
    }

    private static Response invoke(String token, String tool, String body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post("/api/tools/{name}/invoke", tool);
    }

    @Test
    void aUserKeyNeitherSeesNorInvokesToolsOutsideItsPatterns() {
        String tenant = createTenant(uniqueName("patterns"));
        String name = uniqueName("limited");
        server(stdioEverything(name).replace("{\"name\"", "{\"tenantId\":\"" + tenant + "\",\"name\""));
        String user = TestTokens.token(UUID.randomUUID().toString(), "user", tenant, List.of(name + "/echo"));

        given().auth().oauth2(user).get("/api/tools?limit=100").then().statusCode(200)
                .body("data.items.qualifiedName", contains(name + "__echo"));
        invoke(user, name + "__echo", "{\"arguments\":{\"message\":\"ok\"}}").then().statusCode(200);
        invoke(user, name + "__get-sum", "{\"arguments\":{\"a\":1,\"b\":2}}").then().statusCode(404)
                .body("code", equalTo("NOT_FOUND"));
        String stranger = TestTokens.forRole("user", UUID.randomUUID().toString());
        given().auth().oauth2(stranger).get("/api/tools?server=" + name).then().body("data.total", equalTo(0));
        invoke(stranger, name + "__echo", "{\"arguments\":{\"message\":\"no\"}}").then().statusCode(404);
    }

    @Test
    void anAmbiguousNameAnswers409ListingTheCandidates() {
        String first = uniqueName("twin-a");
        String second = uniqueName("twin-b");
        String firstId = server(stdioEverything(first));
        server(stdioEverything(second));
        invoke(TestTokens.admin(), "echo", "{\"arguments\":{\"message\":\"hi\"}}").then().statusCode(409)
                .body("code", equalTo("CONFLICT"))
                .body("detail", containsString(first + "__echo"))
                .body("detail", containsString(second + "__echo"));
        invoke(TestTokens.admin(), "echo", "{\"serverId\":\"" + firstId + "\",\"arguments\":{\"message\":\"hi\"}}")
                .then().statusCode(200).body("data.metadata.serverName", equalTo(first));
    }

    @Test
    void checksArgumentsAgainstTheInputSchemaFirst() {
        String name = uniqueName("schema");
        server(stdioEverything(name));
        invoke(TestTokens.admin(), name + "__echo", "{\"arguments\":{\"message\":42}}").then().statusCode(400)
                .body("code", equalTo("VALIDATION_ERROR"))
                .body("errors[0].field", equalTo("arguments"));
        invoke(TestTokens.admin(), name + "__echo", "{\"arguments\":{}}").then().statusCode(400);
        invoke(TestTokens.admin(), name + "__echo", "{\"arguments\":[1]}").then().statusCode(400);
    }

    @Test
    void aToolErrorIsA200WithIsError() {
        String name = uniqueName("tool-error");
        server(stdioEverything(name));
        invoke(TestTokens.admin(), name + "__gzip-file-as-resource",
                "{\"arguments\":{\"name\":\"x.gz\",\"data\":\"ftp://example.invalid/file\"}}").then().statusCode(200)
                .body("data.isError", equalTo(true))
                .body("data.content[0].text", containsString("Unsupported URL protocol"));
    }

    @Test
    void aSlowToolHitsTheTimeoutWith504() {
        String name = uniqueName("slow");
        server(stdioEverything(name));
        invoke(TestTokens.admin(), name + "__trigger-long-running-operation",
                "{\"timeoutMs\":500,\"arguments\":{\"duration\":5,\"steps\":5}}").then().statusCode(504)
                .contentType("application/problem+json")
                .body("code", equalTo("TIMEOUT"));
    }

    @Test
    void aFullBulkheadRefusesMoreCallsWhileAnotherServerKeepsAnswering() {
        String busy = uniqueName("busy");
        String calm = uniqueName("calm");
        server(stdioEverything(busy));
        server(stdioEverything(calm));
        String slowCall = "{\"arguments\":{\"duration\":4,\"steps\":2}}";
        List<CompletableFuture<Integer>> inFlight = List.of(
                CompletableFuture.supplyAsync(() -> invoke(TestTokens.admin(), busy + "__trigger-long-running-operation", slowCall).statusCode()),
                CompletableFuture.supplyAsync(() -> invoke(TestTokens.admin(), busy + "__trigger-long-running-operation", slowCall).statusCode()));
        // Both slow calls are in flight well before they end, four seconds from now; until then an echo may pass.
        await().atMost(Duration.ofSeconds(3)).until(() -> invoke(TestTokens.admin(), busy + "__echo",
                "{\"arguments\":{\"message\":\"waiting\"}}").statusCode() == 503);

        invoke(TestTokens.admin(), busy + "__echo", "{\"arguments\":{\"message\":\"one more\"}}").then().statusCode(503)
                .header("Retry-After", notNullValue())
                .body("detail", containsString("calls in flight"));
        invoke(TestTokens.admin(), calm + "__echo", "{\"arguments\":{\"message\":\"still here\"}}").then().statusCode(200)
                .body("data.content[0].text", equalTo("Echo: still here"));
        assertEquals(List.of(200, 200), inFlight.stream().map(CompletableFuture::join).toList());
    }

    @Test
    void rateLimitsAnswer429WithTheirHeaders() {
        String name = uniqueName("limited");
        server(stdioEverything(name).replace("}}", "},\"rateLimits\":{\"requestsPerMinute\":2}}"));
        String call = "{\"arguments\":{\"message\":\"count me\"}}";
        invoke(TestTokens.admin(), name + "__echo", call).then().statusCode(200)
                .header("X-RateLimit-Limit", "2").header("X-RateLimit-Remaining", "1")
                .header("X-RateLimit-Reset", notNullValue());
        invoke(TestTokens.admin(), name + "__echo", call).then().statusCode(200).header("X-RateLimit-Remaining", "0");
        invoke(TestTokens.admin(), name + "__echo", call).then().statusCode(429)
                .body("code", equalTo("RATE_LIMITED"))
                .header("Retry-After", notNullValue())
                .header("X-RateLimit-Remaining", "0");
    }

    @Test
    void publishesToolInvokedWithoutArgumentValues() throws Exception {
        String name = uniqueName("evented");
        String id = server(stdioEverything(name));
        String caller = UUID.randomUUID().toString();
        invoke(TestTokens.token(caller, "admin", null, List.of()), name + "__echo",
                "{\"arguments\":{\"message\":\"private-value-123\"}}").then().statusCode(200);

        var records = TopicReader.read(Topics.INVOCATIONS, record -> id.equals(record.key()), 1, Duration.ofSeconds(30));
        assertFalse(records.get(0).value().contains("private-value-123"), records.get(0).value());
        JsonNode event = new ObjectMapper().readTree(records.get(0).value());
        assertEquals("tool.invoked", event.get("type").asText());
        assertEquals(caller, event.get("actorid").asText());
        assertEquals("echo", event.at("/data/tool").asText());
        assertEquals(name, event.at("/data/serverName").asText());
        assertEquals("ok", event.at("/data/status").asText());
        assertEquals("message", event.at("/data/argumentNames/0").asText());
        assertFalse(event.at("/data/cached").asBoolean());
        assertEquals(true, event.at("/data/durationMs").isNumber());

        given().get(metrics.toString()).then().statusCode(200)
                .body(containsString("switchboard_tool_invocations_seconds_count{outcome=\"ok\",server=\"" + name + "\",tool=\"echo\"} 1.0"))
                .body(containsString("switchboard_connections_active"))
                .body(containsString("switchboard_circuit_state{server=\"" + name + "\"} 0.0"));
    }

    @Test
    void listsToolsWithFiltersAndCategories() {
        String name = uniqueName("listed");
        server(stdioEverything(name).replace("}}", "},\"metadata\":{\"category\":\"testing\",\"tags\":[\"demo\"]}}"));
        given().auth().oauth2(TestTokens.admin()).get("/api/tools?server=" + name + "&query=ECHOES").then().statusCode(200)
                .body("data.items.qualifiedName", contains(name + "__echo"));
        given().auth().oauth2(TestTokens.admin()).get("/api/tools?category=testing&tags=demo&limit=3").then()
                .body("data.limit", equalTo(3)).body("data.items.size()", equalTo(3))
                .body("data.items.serverName", everyItem(equalTo(name)));
        given().auth().oauth2(TestTokens.admin()).get("/api/tools/categories").then().statusCode(200)
                .body("data.find { it.name == 'testing' }.count", greaterThanOrEqualTo(3));
        given().auth().oauth2(TestTokens.admin()).get("/api/tools?sortBy=popular").then().statusCode(400);
        given().auth().oauth2(TestTokens.admin()).get("/api/capabilities?server=" + name).then().statusCode(200)
                .body("data.servers[0].metadata.toolCount", notNullValue())
                .body("data.servers[0].connected", equalTo(true))
                .body("data.summary.servers", equalTo(1));
        invoke(TestTokens.admin(), "no-such-tool", "{}").then().statusCode(404)
                .body("type", startsWith("urn:switchboard:problem:"));
    }

    @Test
    void servesACachedCallFromTheCacheAndCountsIt() {
        String name = uniqueName("cached");
        server(stdioEverything(name).replace("}}", "},\"cache\":{\"enabled\":true,\"tools\":[\"get-sum\"],\"ttlSeconds\":60}}"));
        long hitsBefore = given().auth().oauth2(TestTokens.admin()).get("/api/cache/stats").then().statusCode(200)
                .body("data.enabled", equalTo(true)).extract().jsonPath().getLong("data.hits");

        invoke(TestTokens.admin(), name + "__get-sum", "{\"arguments\":{\"a\":2,\"b\":3}}").then().statusCode(200)
                .body("data.metadata.cached", equalTo(false));
        invoke(TestTokens.admin(), name + "__get-sum", "{\"arguments\":{\"b\":3,\"a\":2}}").then().statusCode(200)
                .body("data.metadata.cached", equalTo(true))
                .body("data.content[0].text", containsString("5"));
        invoke(TestTokens.admin(), name + "__get-sum", "{\"arguments\":{\"a\":2,\"b\":4}}").then()
                .body("data.metadata.cached", equalTo(false));
        invoke(TestTokens.admin(), name + "__echo", "{\"arguments\":{\"message\":\"x\"}}").then().statusCode(200);
        invoke(TestTokens.admin(), name + "__echo", "{\"arguments\":{\"message\":\"x\"}}").then()
                .body("data.metadata.cached", equalTo(false));

        given().auth().oauth2(TestTokens.admin()).get("/api/cache/stats").then()
                .body("data.hits", equalTo((int) hitsBefore + 1))
                .body("data.entries", greaterThanOrEqualTo(2))
                .body("data.memoryUsage", greaterThan(0));
        given().auth().oauth2(TestTokens.admin()).delete("/api/cache?pattern=" + name + "/get-*").then().statusCode(200)
                .body("data.removed", equalTo(2));
        invoke(TestTokens.admin(), name + "__get-sum", "{\"arguments\":{\"a\":2,\"b\":3}}").then()
                .body("data.metadata.cached", equalTo(false));
        given().auth().oauth2(TestTokens.admin()).delete("/api/cache?serverId=nope").then().statusCode(400);
    }

    @Test
    void keepsEachTenantsCachedResultsToItself() {
        String name = uniqueName("shared-cache");
        server(stdioEverything(name).replace("}}", "},\"cache\":{\"enabled\":true,\"tools\":[\"get-sum\"]}}"));
        String first = TestTokens.forRole("user", createTenant(uniqueName("cache-a"), name));
        String second = TestTokens.forRole("user", createTenant(uniqueName("cache-b"), name));
        for (String user : List.of(first, second)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> given().auth().oauth2(user).get("/api/tools?server=" + name)
                    .then().extract().jsonPath().getInt("data.total") > 0);
        }
        String call = "{\"arguments\":{\"a\":20,\"b\":22}}";

        invoke(first, name + "__get-sum", call).then().statusCode(200).body("data.metadata.cached", equalTo(false));
        invoke(first, name + "__get-sum", call).then().body("data.metadata.cached", equalTo(true));
        invoke(second, name + "__get-sum", call).then().statusCode(200).body("data.metadata.cached", equalTo(false))
                .body("data.content[0].text", containsString("42"));
        invoke(second, name + "__get-sum", call).then().body("data.metadata.cached", equalTo(true));
    }

    @Test
    void cachesTheToolsAServerMarksReadOnlyWhenItsPolicySaysSo() {
        String name = uniqueName("read-only");
        server(stdioEverything(name).replace("}}", "},\"cache\":{\"readOnlyTools\":true}}"));
        String call = "{\"arguments\":{\"message\":\"again\"}}";
        invoke(TestTokens.admin(), name + "__echo", call).then().body("data.metadata.cached", equalTo(false));
        invoke(TestTokens.admin(), name + "__echo", call).then().body("data.metadata.cached", equalTo(true));
        invoke(TestTokens.admin(), name + "__toggle-simulated-logging", "{}").then().statusCode(200);
        invoke(TestTokens.admin(), name + "__toggle-simulated-logging", "{}").then().statusCode(200)
                .body("data.metadata.cached", equalTo(false));
    }

    @Test
    void sortsToolsByUsageAndRecency() {
        String name = uniqueName("sorted");
        server(stdioEverything(name));
        invoke(TestTokens.admin(), name + "__get-sum", "{\"arguments\":{\"a\":1,\"b\":2}}").then().statusCode(200);
        invoke(TestTokens.admin(), name + "__get-sum", "{\"arguments\":{\"a\":3,\"b\":4}}").then().statusCode(200);
        invoke(TestTokens.admin(), name + "__echo", "{\"arguments\":{\"message\":\"latest\"}}").then().statusCode(200);
        given().auth().oauth2(TestTokens.admin()).get("/api/tools?server=" + name + "&sortBy=usage&limit=2").then()
                .body("data.items.name", contains("get-sum", "echo"))
                .body("data.items[0].usageCount", equalTo(2));
        given().auth().oauth2(TestTokens.admin()).get("/api/tools?server=" + name + "&sortBy=recent&limit=2").then()
                .body("data.items.name", contains("echo", "get-sum"));
    }

    @Test
    void readsAChunkedBodyWithinTheLimitWhole() throws Exception {
        String name = uniqueName("chunked");
        server(stdioEverything(name));
        String padding = " ".repeat(300_000);
        HttpResponse<String> response = ChunkedPost.send("/api/tools/" + name + "__echo/invoke", TestTokens.admin(),
                "{\"arguments\":" + padding + "{\"message\":\"all of it\"}" + padding + "}");
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("Echo: all of it", new ObjectMapper().readTree(response.body()).at("/data/content/0/text").asText());
    }

    @Test
    void answersAChunkedBodyOverTheLimitWithA413Problem() throws Exception {
        String tool = uniqueName("absent") + "__echo";
        HttpResponse<String> response = ChunkedPost.send("/api/tools/" + tool + "/invoke", TestTokens.admin(),
                "{\"arguments\":{\"message\":\"" + "x".repeat(2_000_000) + "\"}}");
        assertEquals(413, response.statusCode(), response.body());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
        assertEquals("PAYLOAD_TOO_LARGE", new ObjectMapper().readTree(response.body()).path("code").asText());
    }
}
