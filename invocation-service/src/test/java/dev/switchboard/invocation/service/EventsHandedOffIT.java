package dev.switchboard.invocation.service;

import static dev.switchboard.invocation.PackagedInvocation.argumentMessage;
import static dev.switchboard.invocation.PackagedInvocation.awaitConnected;
import static dev.switchboard.invocation.Registry.createServer;
import static dev.switchboard.invocation.Registry.deleteServer;
import static dev.switchboard.invocation.Registry.stdioEverything;
import static dev.switchboard.invocation.Registry.uniqueName;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.invocation.Registry;
import dev.switchboard.invocation.RegistryTestResource;
import dev.switchboard.localstack.EmbeddedKafkaBroker;
import dev.switchboard.model.event.Topics;
import dev.switchboard.testsupport.LocalStackTestResource;
import dev.switchboard.testsupport.ServiceProcess;
import dev.switchboard.testsupport.TestFiles;
import dev.switchboard.testsupport.TestTokens;
import dev.switchboard.testsupport.TopicReader;
import io.restassured.http.ContentType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A replica stopped, as Kubernetes stops a pod it deletes, while the broker is away: its journal goes with the pod's
 * disk, yet every event of the calls it answered arrives, sent by the replica that runs after it.
 */
class EventsHandedOffIT {

    private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    private static final Path STOPPED_JOURNAL = Path.of("target/it-journal-stopped").toAbsolutePath();
    private static final Path SUCCESSOR_JOURNAL = Path.of("target/it-journal-successor").toAbsolutePath();
    private static final int CALLS = 20;

    @Test
    void aReplicaStoppedWhileTheBrokerIsAwayHandsItsEventsToTheNext() throws Exception {
        TestFiles.deleteTree(STOPPED_JOURNAL);
        TestFiles.deleteTree(SUCCESSOR_JOURNAL);
        EmbeddedKafkaBroker broker = LocalStackTestResource.shared().kafka();
        String name = uniqueName("handoff");
        String serverId = null;
        Set<String> answered = new LinkedHashSet<>();
        try (ServiceProcess stopped = replica("stopped", STOPPED_JOURNAL)) {
            serverId = createServer(stdioEverything(name));
            awaitConnected(stopped, serverId);
            String run = UUID.randomUUID().toString();
            broker.stop();
            try {
                for (int i = 0; i < CALLS; i++) {
                    String message = run + " call " + i;
                    given().baseUri(stopped.url()).auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                            .body(Map.of("arguments", Map.of("message", message)))
                            .post("/api/tools/{name}/invoke", name + "__echo").then().statusCode(200);
                    answered.add(message);
                }
                stopped.stop();
            } finally {
                broker.start();
            }
            assertTrue(Files.readString(Path.of(stopped.log())).contains("events the broker has not taken to the database"),
                    "the stopping replica says that it handed events off");
            // The pod's emptyDir goes with the pod.
            TestFiles.deleteTree(STOPPED_JOURNAL);

            try (ServiceProcess successor = replica("successor", SUCCESSOR_JOURNAL)) {
                Set<String> sent = new HashSet<>();
                String server = serverId;
                TopicReader.read(Topics.INVOCATIONS, record -> server.equals(record.key())
                        && answered.contains(argumentMessage(record.value())) && sent.add(argumentMessage(record.value())),
                        answered.size(), Duration.ofSeconds(120));
                assertEquals(answered, sent, "every answered call's tool.invoked event");
            }
        } finally {
            if (serverId != null) {
                deleteServer(serverId);
            }
        }
    }

    private static ServiceProcess replica(String name, Path journal) {
        return ServiceProcess.start("invocation-" + name, JAR, "invocation", Map.of(
                "switchboard.invocation.registry.url", Registry.url(),
                "switchboard.invocation.registry.service-key", RegistryTestResource.SERVICE_KEY,
                "switchboard.invocation.stdio.children-directory", "target/it-children-" + name,
                "switchboard.stdio.allowed-commands", "node,npx",
                "switchboard.invocation.events.include-arguments", "true",
                "switchboard.invocation.events.journal.directory", journal.toString()));
    }
}
