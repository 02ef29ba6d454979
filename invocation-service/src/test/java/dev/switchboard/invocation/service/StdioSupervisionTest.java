package dev.switchboard.invocation.service;

import static dev.switchboard.invocation.Registry.awaitState;
import static dev.switchboard.invocation.Registry.createServer;
import static dev.switchboard.invocation.Registry.deleteServer;
import static dev.switchboard.invocation.Registry.stdioEverything;
import static dev.switchboard.invocation.Registry.stdioNode;
import static dev.switchboard.invocation.Registry.uniqueName;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.invocation.McpTestServers;
import dev.switchboard.model.event.Topics;
import dev.switchboard.testsupport.TestTokens;
import dev.switchboard.testsupport.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The stdio server dies under traffic: it is restarted, its circuit opens and closes again, and one process remains. */
@QuarkusTest
class StdioSupervisionTest {

    @Test
    void restartsAKilledProcessAndRecoversItsCircuitWithExactlyOneProcessLeft() throws Exception {
        Set<Long> before = everythingProcesses();
        String name = uniqueName("supervised");
        String id = createServer(stdioEverything(name));
        try {
            awaitState(id, "connected");
            List<Long> started = everythingProcesses().stream().filter(pid -> !before.contains(pid)).toList();
            assertEquals(1, started.size(), "one process for the server");

            List<String> outcomes = Collections.synchronizedList(new ArrayList<>());
            AtomicBoolean running = new AtomicBoolean(true);
            Thread traffic = new Thread(() -> {
                while (running.get()) {
                    var response = given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                            .body("{\"arguments\":{\"message\":\"ping\"}}").post("/api/tools/{name}/invoke", name + "__echo");
                    outcomes.add(response.statusCode() == 200 ? "ok" : response.jsonPath().getString("code"));
                    sleep(50);
                }
            });
            traffic.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> outcomes.contains("ok"));

            ProcessHandle.of(started.get(0)).orElseThrow().destroyForcibly();

            await().atMost(Duration.ofSeconds(60)).until(() -> outcomes.contains("CIRCUIT_OPEN"));
            int afterOpen = outcomes.size();
            await().atMost(Duration.ofSeconds(60)).until(() -> outcomes.subList(afterOpen, outcomes.size()).contains("ok"));
            running.set(false);
            traffic.join();

            awaitState(id, "connected");
            given().auth().oauth2(TestTokens.admin()).get("/api/monitor/circuit-breakers").then().statusCode(200)
                    .body("data.find { it.serverName == '" + name + "' }.state", equalTo("closed"));
            Set<Long> now = everythingProcesses();
            now.removeAll(before);
            assertEquals(1, now.size(), "exactly one process after the restart: " + now);
            assertTrue(!now.contains(started.get(0)), "the killed process is gone");

            // Opened, perhaps opened again when a half-open probe came before the process was back, then closed.
            List<String> types = await().atMost(Duration.ofSeconds(30)).until(() -> circuitEvents(id),
                    events -> !events.isEmpty() && events.get(events.size() - 1).equals("circuit.closed"));
            assertTrue(types.size() >= 2, "opened before it closed: " + types);
            assertEquals(List.of("circuit.opened"), types.subList(0, types.size() - 1).stream().distinct().toList(), types.toString());
        } finally {
            deleteServer(id);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            Set<Long> left = everythingProcesses();
            left.removeAll(before);
            return left.isEmpty();
        });
    }

    @Test
    void aScheduledHealthCheckReplacesAProcessThatStoppedAnswering() {
        Set<Long> before = everythingProcesses();
        String name = uniqueName("hung");
        String id = createServer(stdioEverything(name).replace("}}", "},\"healthCheck\":{\"intervalMs\":1000,\"timeoutMs\":500}}"));
        try {
            awaitState(id, "connected");
            Set<Long> started = everythingProcesses();
            started.removeAll(before);
            assertEquals(1, started.size(), "one process for the server");
            long hung = started.iterator().next();

            McpTestServers.signal(hung, "STOP");
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() ->
                    "health check failed: no answer within 500 ms".equals(given().auth().oauth2(TestTokens.admin())
                            .get("/api/connections/{id}", id).then().extract().path("data.lastError")));
            awaitState(id, "connected");

            Set<Long> now = everythingProcesses();
            now.removeAll(before);
            assertEquals(1, now.size(), "exactly one process after the replacement: " + now);
            assertTrue(!now.contains(hung), "the hung process is gone");
        } finally {
            deleteServer(id);
        }
    }

    @Test
    void runsTheCommandWithoutAShellAndWithOnlyItsOwnEnvironment() throws Exception {
        String literal = "$HOME;`true`|*";
        String name = uniqueName("sealed");
        String id = createServer(stdioNode(name, Map.of("GREETING", "hello"), McpTestServers.EVERYTHING, "stdio", literal));
        try {
            awaitState(id, "connected");
            String text = given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body("{\"arguments\":{}}")
                    .post("/api/tools/{name}/invoke", name + "__get-env").then().statusCode(200)
                    .extract().path("data.content[0].text");
            Map<String, String> environment = new ObjectMapper().readValue(text, new TypeReference<>() { });

            assertEquals("hello", environment.get("GREETING"));
            assertTrue(environment.containsKey("PATH"), "a PATH to find programs by");
            Set<String> beyondLogin = new TreeSet<>(environment.keySet());
            beyondLogin.removeAll(Set.of("GREETING", "HOME", "LOGNAME", "PATH", "SHELL", "TERM", "USER"));
            assertEquals(Set.of(), beyondLogin, "nothing of the service's own environment");

            List<String> arguments = everythingProcesses().stream().map(ProcessHandle::of).flatMap(Optional::stream)
                    .map(process -> process.info().arguments().map(List::of).orElse(List.of()))
                    .filter(candidate -> candidate.contains(literal))
                    .findFirst().orElseThrow(() -> new AssertionError("no process got the argument verbatim"));
            assertEquals(List.of(McpTestServers.EVERYTHING.toString(), "stdio", literal), arguments);
        } finally {
            deleteServer(id);
        }
    }

    private static List<String> circuitEvents(String serverId) {
        ObjectMapper json = new ObjectMapper();
        return TopicReader.read(Topics.CONNECTIONS, record -> serverId.equals(record.key()) && record.value().contains("circuit."),
                        Integer.MAX_VALUE, Duration.ofSeconds(2)).stream()
                .map(record -> {
                    try {
                        return json.readTree(record.value()).get("type").asText();
                    } catch (Exception e) {
                        throw new IllegalStateException("not an event: " + record.value(), e);
                    }
                })
                .toList();
    }

    /** The stdio everything servers that this JVM started, directly or through a child. */
    private static Set<Long> everythingProcesses() {
        return ProcessHandle.current().descendants()
                .filter(process -> process.info().arguments().map(List::of)
                        .map(arguments -> arguments.contains(McpTestServers.EVERYTHING.toString()) && arguments.contains("stdio"))
                        .orElse(false))
                .map(ProcessHandle::pid)
                .collect(Collectors.toSet());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
