package dev.switchboard.invocation.service;

import static dev.switchboard.invocation.PackagedInvocation.awaitConnected;
import static dev.switchboard.invocation.Registry.createServer;
import static dev.switchboard.invocation.Registry.deleteServer;
import static dev.switchboard.invocation.Registry.stdioNode;
import static dev.switchboard.invocation.Registry.uniqueName;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.invocation.McpTestServers;
import dev.switchboard.invocation.Registry;
import dev.switchboard.invocation.RegistryTestResource;
import dev.switchboard.testsupport.ServiceProcess;
import dev.switchboard.testsupport.TestFiles;
import dev.switchboard.testsupport.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The packaged service as its own process, as it runs in a pod: however it ends (stopped as Kubernetes stops a pod,
 * or killed), none of its stdio servers outlives it, not even one that ignores the end of its stdin or started a
 * process of its own; and its servers cannot read its secrets.
 */
class StdioShutdownIT {

    private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");

    private static Map<String, String> properties(String childrenDirectory) {
        Map<String, String> properties = new HashMap<>(Map.of("switchboard.invocation.registry.url", Registry.url(),
                "switchboard.invocation.registry.service-key", RegistryTestResource.SERVICE_KEY,
                "switchboard.invocation.stdio.children-directory", childrenDirectory,
                "switchboard.invocation.events.journal.directory", "target/it-event-journal-stdio",
                "switchboard.stdio.allowed-commands", "node,npx"));
        return properties;
    }

    @Test
    void endsItsStdioServersWhenItStops() {
        String id = null;
        try (ServiceProcess invocation = ServiceProcess.start("invocation-service", JAR, "invocation",
                properties("target/it-children-stop"))) {
            id = createServer(stdioNode(uniqueName("orphan-check"), Map.of("LINGER", "1"), McpTestServers.FAULTY));
            awaitConnected(invocation, id);
            List<ProcessHandle> servers = descendants(invocation.pid(), McpTestServers.FAULTY.toString());
            assertEquals(1, servers.size(), "the service runs the server's process");

            invocation.stop();

            await().atMost(Duration.ofSeconds(10)).until(() -> !servers.get(0).isAlive());
        } finally {
            if (id != null) {
                deleteServer(id);
            }
        }
    }

    @Test
    void endsItsStdioServersWhenKilledAndWhatTheyStartedAtItsNextStart() {
        String marker = String.valueOf(900_000 + (int) (Math.random() * 90_000));
        String id = null;
        try (ServiceProcess invocation = ServiceProcess.start("invocation-service-killed", JAR, "invocation",
                properties("target/it-children-kill"))) {
            id = createServer(stdioNode(uniqueName("killed"), Map.of("LINGER", "1", "SPAWN_SLEEP", marker),
                    McpTestServers.FAULTY));
            awaitConnected(invocation, id);
            List<ProcessHandle> servers = descendants(invocation.pid(), McpTestServers.FAULTY.toString());
            List<ProcessHandle> grandchildren = await().atMost(Duration.ofSeconds(20))
                    .until(() -> descendants(invocation.pid(), marker), found -> found.size() == 1);
            assertEquals(1, servers.size(), "the service runs the server's process");

            invocation.kill();

            await().atMost(Duration.ofSeconds(10)).until(() -> !servers.get(0).isAlive());
            assertTrue(grandchildren.get(0).isAlive(), "what the server started outlived the kill, as orphans do");

            invocation.start();

            await().atMost(Duration.ofSeconds(30)).until(() -> !grandchildren.get(0).isAlive());
        } finally {
            if (id != null) {
                deleteServer(id);
            }
        }
    }

    @Test
    void keepsItsSecretsOutOfReachOfStdioServersRunAsAnotherUser() throws Exception {
        Map<String, String> properties = properties("target/it-children-isolated");
        properties.put("switchboard.invocation.stdio.run-as", "nobody:nogroup");
        properties.put("switchboard.invocation.stdio.home", "/tmp");
        String id = null;
        Path readableCopy = copyReadableByAnyone(McpTestServers.DIR, McpTestServers.FAULTY.getFileName(),
                Path.of("node_modules"));
        try (ServiceProcess invocation = ServiceProcess.start("invocation-service-isolated", JAR, "invocation", properties)) {
            id = createServer(stdioNode(uniqueName("curious"), Map.of(),
                    readableCopy.resolve(McpTestServers.FAULTY.getFileName())));
            awaitConnected(invocation, id);
            String name = given().auth().oauth2(TestTokens.admin()).get(Registry.url() + "/api/servers/{id}", id)
                    .then().extract().path("data.name");

            Response environment = invoke(invocation, name + "__read-parent-environment", "{}");
            assertEquals(200, environment.statusCode(), environment.asString());
            assertTrue(environment.jsonPath().getBoolean("data.isError"), environment.asString());
            assertEquals("refused: EACCES", environment.jsonPath().getString("data.content[0].text"));

            Response secretsFile = invoke(invocation, name + "__read-file",
                    "{\"path\":\"" + invocation.secretsKeyFile().toAbsolutePath() + "\"}");
            assertEquals("refused: EACCES", secretsFile.jsonPath().getString("data.content[0].text"));
            String commandLine = String.join(" ", ProcessHandle.of(invocation.pid()).orElseThrow().info().arguments()
                    .orElse(new String[0]));
            assertFalse(commandLine.contains(invocation.secretsKey()), "the secrets key is on the service's command line");
        } finally {
            if (id != null) {
                deleteServer(id);
            }
            TestFiles.deleteTree(readableCopy);
        }
    }

    /**
     * The server's script and modules where the other user can read them: a checkout may sit in a directory only its
     * owner can enter (mktemp's default), which would make the server fail to start rather than test the isolation.
     */
    private static Path copyReadableByAnyone(Path from, Path... entries) throws IOException {
        Path copy = Files.createTempDirectory("switchboard-stdio-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        for (Path entry : entries) {
            try (Stream<Path> tree = Files.walk(from.resolve(entry))) {
                for (Path source : (Iterable<Path>) tree::iterator) {
                    Path target = copy.resolve(from.relativize(source).toString());
                    if (Files.isDirectory(source)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(source, target);
                    }
                }
            }
        }
        return copy;
    }


    private static Response invoke(ServiceProcess invocation, String tool, String arguments) {
        return given().baseUri(invocation.url()).auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body("{\"arguments\":" + arguments + "}").post("/api/tools/{name}/invoke", tool);
    }

    /** The service's descendants that run with {@code argument} among their arguments. */
    private static List<ProcessHandle> descendants(long pid, String argument) {
        return ProcessHandle.of(pid).orElseThrow().descendants()
                .filter(process -> process.info().arguments().map(List::of).map(arguments -> arguments.contains(argument))
                        .orElse(false))
                .toList();
    }
}
