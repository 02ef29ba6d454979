package dev.switchboard.invocation.rest;

import static dev.switchboard.invocation.Registry.awaitState;
import static dev.switchboard.invocation.Registry.createKey;
import static dev.switchboard.invocation.Registry.createServer;
import static dev.switchboard.invocation.Registry.createTenant;
import static dev.switchboard.invocation.Registry.stdioEverything;
import static dev.switchboard.invocation.Registry.uniqueName;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.invocation.McpTestServers;
import dev.switchboard.invocation.Registry;
import dev.switchboard.model.event.Topics;
import dev.switchboard.testsupport.TopicReader;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /mcp} driven by the official TypeScript SDK client, configured as a user would configure it: the URL and one
 * header with an API key. What a key may use is what its tenant and tool patterns allow, whatever the transport.
 */
@QuarkusTest
class McpEndpointTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("mcp")
    URL mcp;

    @TestHTTPResource("mcp/sse")
    URL sse;

    private final List<String> created = new ArrayList<>();
    private String tenant;
    private String name;

    @BeforeEach
    void aServerInATenant() {
        tenant = createTenant(uniqueName("mcp"));
        name = uniqueName("everything");
        created.add(createServer(stdioEverything(name).replace("{\"name\"", "{\"tenantId\":\"" + tenant + "\",\"name\"")));
        awaitState(created.get(0), "connected");
    }

    @AfterEach
    void removeServers() {
        created.forEach(Registry::deleteServer);
        created.clear();
    }

    @Test
    void aKeyWithNarrowPatternsListsAndCallsOnlyWhatItMayOverStreamableHttp() throws Exception {
        String key = createKey("user", tenant, List.of(name + "/echo", name + "/get-sum")).secret();

        JsonNode seen = client("streamable", mcp, "X-API-Key", key,
                Map.of("call", Map.of("name", name + "__echo", "arguments", Map.of("message", "through the gateway"))));

        assertNull(seen.get("error"), seen.toString());
        assertEquals("switchboard", seen.path("serverName").asText());
        assertEquals("2025-11-25", seen.path("protocolVersion").asText());
        assertEquals(List.of(name + "__echo", name + "__get-sum"), names(seen.path("tools")));
        assertEquals("Echo: through the gateway", seen.path("call").path("content").path(0).path("text").asText());
        assertFalse(seen.path("call").path("isError").asBoolean());

        JsonNode refused = client("streamable", mcp, "Authorization", "Bearer " + key,
                Map.of("call", Map.of("name", name + "__get-env", "arguments", Map.of())));
        assertEquals(-32602, refused.path("callError").path("code").asInt(), refused.toString());
    }

    @Test
    void anotherTenantsKeySeesNoneOfItOverEitherTransport() throws Exception {
        String stranger = createKey("manager", createTenant(uniqueName("stranger")), List.of()).secret();
        for (String transport : List.of("streamable", "sse")) {
            JsonNode seen = client(transport, transport.equals("sse") ? sse : mcp, "X-API-Key", stranger,
                    Map.of("call", Map.of("name", name + "__echo", "arguments", Map.of("message", "no"))));
            assertNull(seen.get("error"), seen.toString());
            assertTrue(names(seen.path("tools")).stream().noneMatch(tool -> tool.startsWith(name)), seen.toString());
            assertEquals(-32602, seen.path("callError").path("code").asInt(), seen.toString());
        }
    }

    @Test
    void theLegacySseTransportListsAndCalls() throws Exception {
        String key = createKey("user", tenant, List.of()).secret();
        JsonNode seen = client("sse", sse, "X-API-Key", key,
                Map.of("call", Map.of("name", name + "__get-sum", "arguments", Map.of("a", 2, "b", 3))));
        assertNull(seen.get("error"), seen.toString());
        assertTrue(names(seen.path("tools")).contains(name + "__echo"), seen.toString());
        assertTrue(seen.path("call").path("content").path(0).path("text").asText().contains("5"), seen.toString());
    }

    @Test
    void relaysProgressOfALongCallOnEitherTransport() throws Exception {
        String key = createKey("user", tenant, List.of()).secret();
        Map<String, Object> plan = Map.of("progress", true,
                "call", Map.of("name", name + "__trigger-long-running-operation", "arguments", Map.of("duration", 1, "steps", 3)));
        JsonNode streamable = client("streamable", mcp, "X-API-Key", key, plan);
        assertNull(streamable.get("error"), streamable.toString());
        assertFalse(streamable.path("call").path("isError").asBoolean(), streamable.toString());
        assertEquals(3, streamable.path("progress").asInt(), streamable.toString());

        JsonNode sseSeen = client("sse", sse, "X-API-Key", key, plan);
        assertNull(sseSeen.get("error"), sseSeen.toString());
        assertFalse(sseSeen.path("call").path("isError").asBoolean(), sseSeen.toString());
        // The SDK's SSE transport handles a notification a microtask after the answer it arrived with in one read, and
        // then drops it as belonging to a finished request: the last step (3 ms before the answer) is sometimes lost
        // there, after leaving here in order. The steps before it are not.
        assertTrue(sseSeen.path("progress").asInt() >= 2, sseSeen.toString());
    }

    @Test
    void aCallTheClientCancelsEndsAtTheServerLongBeforeItWouldHaveFinished() throws Exception {
        String key = createKey("user", tenant, List.of()).secret();
        String serverId = created.get(0);
        JsonNode seen = client("streamable", mcp, "X-API-Key", key, Map.of("cancelAfterMs", 1000, "cancel",
                Map.of("name", name + "__trigger-long-running-operation", "arguments", Map.of("duration", 60, "steps", 60))));
        assertTrue(seen.path("cancelled").asBoolean(), seen.toString());

        List<ConsumerRecord<String, String>> ended = TopicReader.read(Topics.INVOCATIONS, record ->
                serverId.equals(record.key()) && record.value().contains("trigger-long-running-operation")
                        && record.value().contains("\"channel\":\"mcp\""), 1, Duration.ofSeconds(20));
        assertEquals(1, ended.size(), "no event of the call ending within 20 s of a 60 s operation");
        JsonNode data = JSON.readTree(ended.get(0).value()).path("data");
        assertFalse(data.path("success").asBoolean(), data.toString());
        assertTrue(data.path("durationMs").asLong() < 15_000, "ended by the 30 s timeout, not cancelled: " + data);
    }

    @Test
    void promptsResourcesAndCompletionsComeWithTheirServersName() throws Exception {
        String key = createKey("user", tenant, List.of()).secret();
        String resource = "switchboard://" + name + "/demo://resource/static/document/architecture.md";
        JsonNode seen = client("streamable", mcp, "X-API-Key", key, Map.of(
                "prompts", true,
                "getPrompt", Map.of("name", name + "__args-prompt", "arguments", Map.of("city", "Lisbon")),
                "resources", true,
                "read", resource,
                "complete", Map.of("ref", Map.of("type", "ref/prompt", "name", name + "__completable-prompt"),
                        "argument", Map.of("name", "department", "value", "En"))));
        assertNull(seen.get("error"), seen.toString());
        assertTrue(names(seen.path("prompts")).contains(name + "__args-prompt"), seen.toString());
        assertTrue(seen.path("prompt").path("messages").path(0).path("content").path("text").asText().contains("Lisbon"),
                seen.toString());
        assertTrue(names(seen.path("resources")).contains(resource), seen.toString());
        assertTrue(names(seen.path("templates")).contains("switchboard://" + name + "/demo://resource/dynamic/text/{resourceId}"),
                seen.toString());
        assertEquals(resource, seen.path("read").path("contents").path(0).path("uri").asText(), seen.toString());
        assertTrue(names(seen.path("completion").path("completion").path("values")).contains("Engineering"), seen.toString());
    }

    @Test
    void tellsAnOpenSessionWhenAServerItMaySeeArrives() throws Exception {
        String key = createKey("user", tenant, List.of()).secret();
        String newcomer = uniqueName("newcomer");
        JsonNode seen = client("streamable", mcp, "X-API-Key", key, Map.of("listChanged", true), () -> {
            created.add(createServer(stdioEverything(newcomer).replace("{\"name\"",
                    "{\"tenantId\":\"" + tenant + "\",\"name\"")));
        });
        assertNull(seen.get("error"), seen.toString());
        assertTrue(seen.path("notified").asBoolean(), "no tools/list_changed: " + seen);
        assertTrue(names(seen.path("toolsAfterChange")).contains(newcomer + "__echo"), seen.toString());
    }

    @Test
    void tellsAnOpenSessionWhenItsTenantEnablesAGlobalServer() throws Exception {
        String global = uniqueName("global");
        created.add(createServer(stdioEverything(global)));
        awaitState(created.get(created.size() - 1), "connected");
        String key = createKey("user", tenant, List.of()).secret();
        JsonNode seen = client("streamable", mcp, "X-API-Key", key, Map.of("listChanged", true),
                () -> Registry.enableGlobals(tenant, global));
        assertNull(seen.get("error"), seen.toString());
        assertTrue(names(seen.path("tools")).stream().noneMatch(tool -> tool.startsWith(global)), seen.toString());
        assertTrue(seen.path("notified").asBoolean(), "no tools/list_changed: " + seen);
        assertTrue(names(seen.path("toolsAfterChange")).contains(global + "__echo"), seen.toString());
    }

    @Test
    void relaysTheServersLogsAtOrAboveTheLevelASessionSetOnEitherTransport() throws Exception {
        String key = createKey("user", tenant, List.of()).secret();
        Set<String> atLeastWarning = Set.of("warning", "error", "critical", "alert", "emergency");
        // The server logs from its first toggle on, for every session that follows; a second toggle would stop it. It
        // logs every 5 s at a random level, 5 of 8 of them at warning or above: waiting for the first of those for up
        // to 45 s fails by chance about once in ten thousand runs, where waiting for three in 30 s failed one in six.
        assertLogsAtLeastWarning(client("streamable", mcp, "X-API-Key", key, Map.of("logLevel", "warning",
                "logTool", name + "__toggle-simulated-logging", "logs", 1, "logWaitMs", 45000)), atLeastWarning);
        assertLogsAtLeastWarning(client("sse", sse, "X-API-Key", key, Map.of("logLevel", "warning", "logs", 1,
                "logWaitMs", 45000)), atLeastWarning);
    }

    private void assertLogsAtLeastWarning(JsonNode seen, Set<String> atLeastWarning) {
        assertNull(seen.get("error"), seen.toString());
        JsonNode logs = seen.path("logs");
        assertFalse(logs.isEmpty(), seen.toString());
        logs.forEach(log -> {
            assertEquals(name, log.path("logger").asText(), log.toString());
            assertTrue(atLeastWarning.contains(log.path("level").asText()), "below the session's level: " + log);
            assertTrue(log.path("data").asText().toLowerCase(Locale.ROOT).contains("message"), log.toString());
        });
    }

    @Test
    void aKeyLimitedToSomeOfAServersToolsGetsNoneOfItsLogs() throws Exception {
        String limited = createKey("user", tenant, List.of(name + "/toggle-simulated-logging")).secret();
        String whole = createKey("user", tenant, List.of()).secret();
        List<JsonNode> sentinel = new ArrayList<>();
        // The limited session turns the server's logging on and listens; a session that may see the whole server then
        // waits for a log, which the gateway relayed to both sessions at once. Only then does the limited one stop.
        JsonNode seen = client("streamable", mcp, "X-API-Key", limited, Map.of("logLevel", "debug",
                "logTool", name + "__toggle-simulated-logging", "logUntilTold", true), () -> {
            try {
                sentinel.add(client("streamable", mcp, "X-API-Key", whole, Map.of("logLevel", "debug", "logs", 1,
                        "logWaitMs", 45000)));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertNull(seen.get("error"), seen.toString());
        assertFalse(seen.path("logCall").path("isError").asBoolean(), "the key may call the tool: " + seen);
        assertEquals(1, sentinel.get(0).path("logs").size(), "the server logged nothing at all: " + sentinel.get(0));
        assertEquals(0, seen.path("logs").size(), "a server's log may speak of tools the key may not use: " + seen);
    }

    private static List<String> names(JsonNode array) {
        List<String> names = new ArrayList<>();
        array.forEach(item -> names.add(item.asText()));
        return names;
    }

    static JsonNode client(String transport, URL url, String header, String value, Map<String, Object> plan) throws Exception {
        return client(transport, url, header, value, plan, () -> {
        });
    }

    /**
     * Runs the SDK client; {@code onListening} runs when the client says it waits for a notification, and the client's
     * standard input is closed when it returns (a client that waits to be told stops then).
     */
    static JsonNode client(String transport, URL url, String header, String value, Map<String, Object> plan,
                           Runnable onListening) throws Exception {
        Process node = new ProcessBuilder("node", "mcp-client.mjs", transport, url.toString(), header, value,
                JSON.writeValueAsString(plan)).directory(McpTestServers.DIR.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            String last = null;
            while ((line = out.readLine()) != null) {
                if (line.equals("listening")) {
                    onListening.run();
                    node.getOutputStream().close();
                } else {
                    last = line;
                }
            }
            if (!node.waitFor(90, TimeUnit.SECONDS)) {
                throw new IOException("the client did not finish");
            }
            return JSON.readTree(last);
        } finally {
            node.destroy();
        }
    }
}
