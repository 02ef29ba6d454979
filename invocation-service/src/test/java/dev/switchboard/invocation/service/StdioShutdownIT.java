package dev.switchboard.invocation.service;

import static dev.switchboard.invocation.Registry.createServer;
import static dev.switchboard.invocation.Registry.deleteServer;
import static dev.switchboard.invocation.Registry.stdioNode;
import static dev.switchboard.invocation.Registry.uniqueName;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.invocation.McpTestServers;
import dev.switchboard.invocation.Registry;
import dev.switchboard.invocation.RegistryTestResource;
import dev.switchboard.invocation.ServiceProcess;
import dev.switchboard.localstack.TestTokens;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The packaged service, stopped as Kubernetes stops a pod, leaves none of its stdio servers behind, not even one
 * that would outlive the end of its stdin: an orphan would keep running, and holding what it holds, after the pod.
 */
class StdioShutdownIT {

    @Test
    void endsItsStdioServersWhenItStops() {
        String id = null;
        try (ServiceProcess invocation = ServiceProcess.start("invocation-service", Path.of("target/quarkus-app/quarkus-run.jar"),
                "invocation", Map.of("switchboard.invocation.registry.url", Registry.url(),
                        "switchboard.invocation.registry.service-key", RegistryTestResource.SERVICE_KEY))) {
            id = createServer(stdioNode(uniqueName("orphan-check"), Map.of("LINGER", "1"), McpTestServers.FAULTY));
            String serverId = id;
            await().atMost(Duration.ofSeconds(60)).until(() -> "connected".equals(given().baseUri(invocation.url())
                    .auth().oauth2(TestTokens.admin()).get("/api/connections/{id}", serverId).then().extract().path("data.state")));
            List<ProcessHandle> servers = ProcessHandle.of(invocation.pid()).orElseThrow().descendants()
                    .filter(process -> process.info().arguments().map(List::of)
                            .map(arguments -> arguments.contains(McpTestServers.FAULTY.toString())).orElse(false))
                    .toList();
            assertEquals(1, servers.size(), "the service runs the server's process");

            invocation.stop();

            await().atMost(Duration.ofSeconds(10)).until(() -> !servers.get(0).isAlive());
        } finally {
            if (id != null) {
                deleteServer(id);
            }
        }
    }
}
