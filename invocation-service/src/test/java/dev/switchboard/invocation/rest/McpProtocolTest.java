package dev.switchboard.invocation.rest;

import static dev.switchboard.invocation.Registry.awaitState;
import static dev.switchboard.invocation.Registry.createKey;
import static dev.switchboard.invocation.Registry.createServer;
import static dev.switchboard.invocation.Registry.createTenant;
import static dev.switchboard.invocation.Registry.stdioEverything;
import static dev.switchboard.invocation.Registry.stdioNode;
import static dev.switchboard.invocation.Registry.uniqueName;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anEmptyMap;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.invocation.McpTestServers;
import dev.switchboard.invocation.Registry;
import dev.switchboard.testsupport.TestJson;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /mcp} on the wire, as the specification words it: the session rules of the Streamable HTTP transport, the
 * stateless revision 2026-07-28 (raw JSON-RPC against its text), and what any client gets for a bad request.
 */
@QuarkusTest
class McpProtocolTest {

    private static final String STATELESS = "2026-07-28";
    private static final String SUBSCRIPTION_ID = "io.modelcontextprotocol/subscriptionId";

    @TestHTTPResource("mcp")
    URL mcp;
    private String tenant;
    private String server;
    private String serverId;
    private String key;

    @BeforeEach
    void aServerAndAKey() {
        tenant = createTenant(uniqueName("wire"));
        server = uniqueName("wire");
        serverId = createServer(stdioEverything(server).replace("{\"name\"", "{\"tenantId\":\"" + tenant + "\",\"name\""));
        awaitState(serverId, "connected");
        key = createKey("user", tenant, List.of()).secret();
    }

    @AfterEach
    void removeServer() {
        Registry.deleteServer(serverId);
    }

    private RequestSpecification mcp(String apiKey) {
        return given().header("X-API-Key", apiKey).contentType(ContentType.JSON)
                .accept("application/json, text/event-stream");
    }

    private String initialize(String apiKey, String version) {
        return mcp(apiKey).body("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\""
                        + version + "\",\"capabilities\":{},\"clientInfo\":{\"name\":\"curl\",\"version\":\"1\"}}}")
                .post("/mcp").then().statusCode(200).body("result.protocolVersion", equalTo(version.equals("1999-01-01")
                        ? "2025-11-25" : version)).extract().header("Mcp-Session-Id");
    }

    private static String stateless(String method, String params) {
        return stateless(method, params, "");
    }

    /** A client of the stateless revision, with the headers it copies from the body ({@code name}: null for none). */
    private RequestSpecification headed(String method, String name) {
        RequestSpecification request = mcp(key).header("MCP-Protocol-Version", STATELESS).header("Mcp-Method", method);
        return name == null ? request : request.header("Mcp-Name", name);
    }

    /** @param meta more members of {@code _meta}, as JSON text after a comma, or empty */
    private static String stateless(String method, String params, String meta) {
        return "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"" + method + "\",\"params\":{" + params
                + (params.isEmpty() ? "" : ",") + "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"" + STATELESS
                + "\",\"io.modelcontextprotocol/clientCapabilities\":{}" + (meta.isEmpty() ? "" : "," + meta) + "}}}";
    }

    @Test
    void negotiatesEverySessionRevisionAndOffersTheNewestForAnUnknownOne() {
        for (String version : List.of("2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25", "1999-01-01")) {
            String session = initialize(key, version);
            mcp(key).header("Mcp-Session-Id", session).body("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}")
                    .post("/mcp").then().statusCode(202);
            mcp(key).header("Mcp-Session-Id", session).body("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}")
                    .post("/mcp").then().statusCode(200).body("result.tools.name", hasItem(server + "__echo"));
        }
    }

    @Test
    void aSessionIsRequiredBelongsToItsKeyAndEndsWithDelete() {
        String session = initialize(key, "2025-06-18");
        String list = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}";
        mcp(key).body(list).post("/mcp").then().statusCode(400).body("error.code", equalTo(-32600));
        mcp(key).header("Mcp-Session-Id", "v1:primary:bm90LWEtc2Vzc2lvbg==").body(list).post("/mcp").then().statusCode(404);
        String otherKey = createKey("user", tenant, List.of()).secret();
        mcp(otherKey).header("Mcp-Session-Id", session).body(list).post("/mcp").then().statusCode(404);
        mcp(key).header("Mcp-Session-Id", session).header("MCP-Protocol-Version", "2030-01-01").body(list).post("/mcp")
                .then().statusCode(400);

        given().header("X-API-Key", key).header("Mcp-Session-Id", session).delete("/mcp").then().statusCode(204);
        mcp(key).header("Mcp-Session-Id", session).body(list).post("/mcp").then().statusCode(404);
    }

    @Test
    void answersTheStatelessRevisionWithoutASession() {
        headed("server/discover", null).body(stateless("server/discover", "")).post("/mcp").then().statusCode(200)
                .header("Mcp-Session-Id", nullValue())
                .body("result.resultType", equalTo("complete"))
                .body("result.supportedVersions", hasItem(STATELESS))
                .body("result.supportedVersions", hasItem("2025-11-25"))
                .body("result.capabilities.tools", notNullValue())
                .body("result.serverInfo.name", equalTo("switchboard"))
                .body("result.capabilities.tools.listChanged", equalTo(true))
                .body("result.ttlMs", equalTo(0))
                .body("result.cacheScope", equalTo("private"));
        mcp(key).header("Mcp-Method", "tools/list").header("MCP-Protocol-Version", STATELESS)
                .body(stateless("tools/list", "")).post("/mcp").then().statusCode(200)
                .body("result.resultType", equalTo("complete"))
                .body("result.ttlMs", equalTo(0))
                .body("result.cacheScope", equalTo("private"))
                .body("result.tools.name", hasItem(server + "__echo"));
        headed("tools/call", server + "__echo")
                .body(stateless("tools/call", "\"name\":\"" + server + "__echo\",\"arguments\":{\"message\":\"stateless\"}"))
                .post("/mcp").then().statusCode(200)
                .body("result.resultType", equalTo("complete"))
                .body("result.ttlMs", nullValue())
                .body("result.content[0].text", equalTo("Echo: stateless"));
    }

    @Test
    void listensStatelesslyForTheListChangesItOptedInToAndNoOthers() throws Exception {
        String listen = stateless("subscriptions/listen", "\"notifications\":{\"toolsListChanged\":true,"
                + "\"resourcesListChanged\":true,\"resourceSubscriptions\":[\"demo://resource/static/document/x\"]}")
                .replace("\"id\":7", "\"id\":\"listen-1\"");
        HttpRequest request = HttpRequest.newBuilder(mcp.toURI()).header("X-API-Key", key)
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .header("MCP-Protocol-Version", STATELESS).header("Mcp-Method", "subscriptions/listen")
                .POST(HttpRequest.BodyPublishers.ofString(listen)).build();
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))
                .lines().filter(line -> line.startsWith("data:")).forEach(line -> frames.add(json(line.substring(5)))));
        reader.setDaemon(true);
        reader.start();
        String newcomerId = null;
        try {
            JsonNode acknowledged = frames.poll(30, TimeUnit.SECONDS);
            assertEquals("notifications/subscriptions/acknowledged", acknowledged.path("method").asText(), acknowledged.toString());
            assertEquals(json("{\"toolsListChanged\":true,\"resourcesListChanged\":true}"),
                    acknowledged.path("params").path("notifications"), "resource subscriptions are not offered");
            assertEquals("listen-1", acknowledged.path("params").path("_meta").path(SUBSCRIPTION_ID).asText());

            newcomerId = createServer(stdioEverything(uniqueName("newcomer"))
                    .replace("{\"name\"", "{\"tenantId\":\"" + tenant + "\",\"name\""));
            JsonNode tools = frames.poll(60, TimeUnit.SECONDS);
            assertEquals("notifications/tools/list_changed", tools.path("method").asText(), String.valueOf(tools));
            assertEquals("listen-1", tools.path("params").path("_meta").path(SUBSCRIPTION_ID).asText());
            // Each change is told as tools, prompts, resources: a prompts frame would come before the first resources one.
            JsonNode next = tools;
            while (next != null && !next.path("method").asText().equals("notifications/resources/list_changed")) {
                assertNotEquals("notifications/prompts/list_changed", next.path("method").asText(), "not opted in to");
                next = frames.poll(30, TimeUnit.SECONDS);
            }
            assertNotNull(next, "no resources/list_changed");
        } finally {
            response.body().close();
            reader.join(10_000);
            if (newcomerId != null) {
                Registry.deleteServer(newcomerId);
            }
        }
    }

    @Test
    void givesAStatelessCallTheLogsItAskedForOnItsOwnStreamAndNoneToACallThatDidNot() throws Exception {
        // From its first toggle on, the server logs every 5 s at a random level, whoever called.
        headed("tools/call", server + "__toggle-simulated-logging")
                .body(stateless("tools/call", "\"name\":\"" + server + "__toggle-simulated-logging\",\"arguments\":{}"))
                .post("/mcp").then().statusCode(200).body("result.isError", equalTo(false));
        String longTool = server + "__trigger-long-running-operation";
        String longCall = "\"name\":\"" + longTool + "\",\"arguments\":{\"duration\":12,\"steps\":2}";
        // Both calls run through the same 12 s of logs; both stream (one for its logs, one for its progress).
        CompletableFuture<List<JsonNode>> silent = CompletableFuture.supplyAsync(() -> eventStream(
                stateless("tools/call", longCall, "\"progressToken\":\"p-1\""), longTool));
        List<JsonNode> logged = eventStream(stateless("tools/call", longCall, "\"io.modelcontextprotocol/logLevel\":\"debug\""),
                longTool);

        JsonNode answer = logged.get(logged.size() - 1);
        assertEquals(7, answer.path("id").asInt(), "the answer ends the stream: " + logged);
        List<JsonNode> logs = logged.subList(0, logged.size() - 1);
        assertFalse(logs.isEmpty(), "logs of the called server while the call ran: " + logged);
        logs.forEach(log -> {
            assertEquals("notifications/message", log.path("method").asText(), log.toString());
            assertTrue(log.path("params").path("logger").asText().startsWith(server), log.toString());
        });
        List<JsonNode> others = silent.get(60, TimeUnit.SECONDS);
        assertTrue(others.stream().noneMatch(frame -> frame.path("method").asText().equals("notifications/message")),
                "a request without a log level gets no logs: " + others);
        assertEquals(7, others.get(others.size() - 1).path("id").asInt(), others.toString());

        headed("tools/call", longTool).body(stateless("tools/call", longCall, "\"io.modelcontextprotocol/logLevel\":\"verbose\""))
                .post("/mcp").then().statusCode(200).body("error.code", equalTo(-32602))
                .body("error.message", containsString("verbose"));
        headed("server/discover", null).body(stateless("server/discover", "")).post("/mcp").then().statusCode(200)
                .body("result.capabilities.logging", anEmptyMap());
    }

    /** Every frame of a stateless {@code tools/call}'s event stream, until it ends. */
    private List<JsonNode> eventStream(String request, String tool) {
        try {
            HttpResponse<Stream<String>> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(mcp.toURI()).header("X-API-Key", key).header("Content-Type", "application/json")
                            .header("Accept", "application/json, text/event-stream").timeout(Duration.ofSeconds(60))
                            .header("MCP-Protocol-Version", STATELESS).header("Mcp-Method", "tools/call").header("Mcp-Name", tool)
                            .POST(HttpRequest.BodyPublishers.ofString(request)).build(), HttpResponse.BodyHandlers.ofLines());
            assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
            return response.body().filter(line -> line.startsWith("data:")).map(line -> json(line.substring(5))).toList();
        } catch (IOException | InterruptedException | URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(String text) {
        try {
            return TestJson.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void refusesAStatelessRequestThatContradictsItself() {
        mcp(key).header("MCP-Protocol-Version", "2099-01-01").header("Mcp-Method", "tools/list")
                .body(stateless("tools/list", "").replace(STATELESS, "2099-01-01")).post("/mcp").then().statusCode(400)
                .body("error.code", equalTo(-32022))
                .body("error.data.requested", equalTo("2099-01-01"))
                .body("error.data.supported", hasItem(STATELESS));
        mcp(key).header("MCP-Protocol-Version", "2025-11-25").header("Mcp-Method", "tools/list")
                .body(stateless("tools/list", "")).post("/mcp").then()
                .statusCode(400).body("error.code", equalTo(-32020));
        headed("prompts/list", null).body(stateless("tools/list", "")).post("/mcp").then()
                .statusCode(400).body("error.code", equalTo(-32020));
        headed("tools/list", null).body("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":{\"_meta\":{"
                        + "\"io.modelcontextprotocol/protocolVersion\":\"" + STATELESS + "\"}}}")
                .post("/mcp").then().statusCode(400).body("error.code", equalTo(-32602));
        mcp(key).header("MCP-Protocol-Version", STATELESS).body("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}")
                .post("/mcp").then().statusCode(400).body("error.code", equalTo(-32602));
        headed("ping", null).body(stateless("ping", "")).post("/mcp").then().statusCode(404).body("error.code", equalTo(-32601));
        mcp(key).body(stateless("tools/list", "")).post("/mcp").then().statusCode(400).body("error.code", equalTo(-32020))
                .body("error.message", containsString("Mcp-Method"));
        String echo = "\"name\":\"" + server + "__echo\",\"arguments\":{\"message\":\"routed\"}";
        headed("tools/call", null).body(stateless("tools/call", echo)).post("/mcp").then().statusCode(400)
                .body("error.code", equalTo(-32020)).body("error.message", containsString("Mcp-Name"));
        headed("tools/call", server + "__get-sum").body(stateless("tools/call", echo)).post("/mcp").then().statusCode(400)
                .body("error.code", equalTo(-32020)).body("error.message", containsString(server + "__get-sum"));
        String encoded = "=?base64?" + Base64.getEncoder().encodeToString((server + "__echo").getBytes(StandardCharsets.UTF_8)) + "?=";
        headed("tools/call", encoded).body(stateless("tools/call", echo)).post("/mcp").then().statusCode(200)
                .body("result.content[0].text", equalTo("Echo: routed"));
    }

    @Test
    void holdsTheArgumentsAToolMirrorsIntoHeadersToTheirMcpParamHeaders() {
        String headers = uniqueName("headers");
        String id = createServer(stdioNode(headers, Map.of(), McpTestServers.HEADERS)
                .replace("{\"name\"", "{\"tenantId\":\"" + tenant + "\",\"name\""));
        try {
            awaitState(id, "connected");
            String tool = headers + "__query";
            String call = stateless("tools/call", "\"name\":\"" + tool + "\",\"arguments\":{\"region\":\"us-west1\","
                    + "\"limit\":42,\"filter\":{\"owner\":\"Zoë\"},\"sql\":\"select 1\"}");
            String owner = "=?base64?" + Base64.getEncoder().encodeToString("Zoë".getBytes(StandardCharsets.UTF_8)) + "?=";

            headed("tools/call", tool).header("Mcp-Param-Region", "us-west1").header("Mcp-Param-Limit", "42.0")
                    .header("mcp-param-owner", owner).body(call).post("/mcp").then().statusCode(200)
                    .body("result.content[0].text", containsString("us-west1"));
            headed("tools/call", tool).header("Mcp-Param-Region", "eu-west1").header("Mcp-Param-Limit", "42")
                    .header("Mcp-Param-Owner", owner).body(call).post("/mcp").then().statusCode(400)
                    .body("error.code", equalTo(-32020)).body("error.message", containsString("Mcp-Param-Region"));
            headed("tools/call", tool).header("Mcp-Param-Region", "us-west1").header("Mcp-Param-Limit", "42")
                    .body(call).post("/mcp").then().statusCode(400)
                    .body("error.code", equalTo(-32020)).body("error.message", containsString("Mcp-Param-Owner"));
            headed("tools/call", tool).header("Mcp-Param-Region", "us-west1").header("Mcp-Param-Limit", "42")
                    .header("Mcp-Param-Owner", "Zoë").body(call).post("/mcp").then().statusCode(400)
                    .body("error.code", equalTo(-32020)).body("error.message", containsString("Mcp-Param-Owner"));
            String withoutLimit = stateless("tools/call", "\"name\":\"" + tool + "\",\"arguments\":{\"region\":\"us-west1\","
                    + "\"sql\":\"select 1\"}");
            headed("tools/call", tool).header("Mcp-Param-Region", "us-west1").body(withoutLimit).post("/mcp").then()
                    .statusCode(200);
            headed("tools/call", tool).header("Mcp-Param-Region", "us-west1").header("Mcp-Param-Limit", "42")
                    .body(withoutLimit).post("/mcp").then().statusCode(400)
                    .body("error.code", equalTo(-32020)).body("error.message", containsString("Mcp-Param-Limit"));
        } finally {
            Registry.deleteServer(id);
        }
    }

    @Test
    void takesALogLevelOfTheSpecificationAndRefusesAnyOther() {
        String session = initialize(key, "2025-06-18");
        mcp(key).header("Mcp-Session-Id", session)
                .body("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"logging/setLevel\",\"params\":{\"level\":\"notice\"}}")
                .post("/mcp").then().statusCode(200).body("id", equalTo(7)).body("result", anEmptyMap());
        mcp(key).header("Mcp-Session-Id", session)
                .body("{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"logging/setLevel\",\"params\":{\"level\":\"verbose\"}}")
                .post("/mcp").then().statusCode(200).body("error.code", equalTo(-32602))
                .body("error.message", containsString("verbose"));
    }

    @Test
    void badRequestsGetJsonRpcErrorsNeverA500() {
        String session = initialize(key, "2025-11-25");
        mcp(key).header("Mcp-Session-Id", session).body("{not json").post("/mcp").then().statusCode(400)
                .body("error.code", equalTo(-32700));
        mcp(key).header("Mcp-Session-Id", session).body("").post("/mcp").then().statusCode(400)
                .body("error.code", equalTo(-32600));
        mcp(key).header("Mcp-Session-Id", session).body("null").post("/mcp").then().statusCode(400)
                .body("error.code", equalTo(-32600));
        mcp(key).header("Mcp-Session-Id", session).body("{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"tools/call\","
                        + "\"params\":{\"name\":\"a\u0000b\"}}")
                .post("/mcp").then().statusCode(400).body("error.code", equalTo(-32700));
        mcp(key).header("Mcp-Session-Id", session).body("{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"tools/call\","
                        + "\"params\":{\"name\":\"" + server + "__echo\",\"arguments\":{\"message\":\""
                        + "x".repeat(2 * 1024 * 1024) + "\"}}}")
                .post("/mcp").then().statusCode(413);
        mcp(key).header("Mcp-Session-Id", session).body("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}]")
                .post("/mcp").then().statusCode(400).body("error.code", equalTo(-32600));
        mcp(key).header("Mcp-Session-Id", session).body("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/teleport\"}")
                .post("/mcp").then().statusCode(200).body("error.code", equalTo(-32601));
        mcp(key).header("Mcp-Session-Id", session).body("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/call\",\"params\":{}}")
                .post("/mcp").then().statusCode(200).body("error.code", equalTo(-32602));
        mcp(key).header("Mcp-Session-Id", session).body("{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/call\","
                        + "\"params\":{\"name\":\"" + server + "__echo\",\"arguments\":{\"message\":42}}}")
                .post("/mcp").then().statusCode(200).body("result.isError", equalTo(true));
        mcp(key).header("Mcp-Session-Id", session).body("{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"tools/list\","
                        + "\"params\":{\"cursor\":\"not-a-cursor\"}}")
                .post("/mcp").then().statusCode(200).body("error.code", equalTo(-32602));
        mcp(key).header("Mcp-Session-Id", session).body("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"resources/read\","
                        + "\"params\":{\"uri\":\"switchboard://nowhere/x\"}}")
                .post("/mcp").then().statusCode(200).body("error.code", equalTo(-32002));
    }

    @Test
    void readsAServersOwnUriWhileOneServerListsItAndNamesEachWhenSeveralDo() {
        String session = initialize(key, "2025-11-25");
        String prefixed = mcp(key).header("Mcp-Session-Id", session)
                .body("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"resources/list\"}").post("/mcp").then().statusCode(200)
                .extract().path("result.resources.find { it.uri.contains('static/document') }.uri");
        String own = prefixed.substring(("switchboard://" + server + "/").length());
        String read = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"resources/read\",\"params\":{\"uri\":\"" + own + "\"}}";
        mcp(key).header("Mcp-Session-Id", session).body(read).post("/mcp").then().statusCode(200)
                .body("result.contents[0].uri", equalTo(prefixed));

        String twin = uniqueName("twin");
        String twinId = createServer(stdioEverything(twin).replace("{\"name\"", "{\"tenantId\":\"" + tenant + "\",\"name\""));
        try {
            awaitState(twinId, "connected");
            mcp(key).header("Mcp-Session-Id", session).body(read).post("/mcp").then().statusCode(200)
                    .body("error.code", equalTo(-32602))
                    .body("error.message", containsString(prefixed))
                    .body("error.message", containsString("switchboard://" + twin + "/" + own));
        } finally {
            Registry.deleteServer(twinId);
        }
    }

    @Test
    void withoutCredentialsOrFromAForeignOriginNothingIsAnswered() {
        given().contentType(ContentType.JSON).body("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{}}")
                .post("/mcp").then().statusCode(401).header("WWW-Authenticate", startsWith("Bearer"));
        given().header("X-API-Key", "sb_not-a-key").contentType(ContentType.JSON)
                .body("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{}}")
                .post("/mcp").then().statusCode(401);
        mcp(key).header("Origin", "https://evil.example").body("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\","
                + "\"params\":{}}").post("/mcp").then().statusCode(403).body("result", nullValue());
        mcp(key).header("Origin", "http://localhost").body("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\","
                + "\"params\":{\"protocolVersion\":\"2025-11-25\"}}").post("/mcp").then().statusCode(200)
                .body("result.serverInfo.name", not(nullValue()));
    }
}
