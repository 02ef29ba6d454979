package dev.switchboard.invocation.service;

import static dev.switchboard.invocation.Registry.createServer;
import static dev.switchboard.invocation.Registry.deleteServer;
import static dev.switchboard.invocation.Registry.stdioEverything;
import static dev.switchboard.invocation.Registry.uniqueName;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.invocation.Registry;
import dev.switchboard.invocation.RegistryTestResource;
import dev.switchboard.localstack.EmbeddedKafkaBroker;
import dev.switchboard.model.event.Topics;
import dev.switchboard.testsupport.LocalStackTestResource;
import dev.switchboard.testsupport.ServiceProcess;
import dev.switchboard.testsupport.TestTokens;
import dev.switchboard.testsupport.TopicReader;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The broker away for a minute, longer than any producer's delivery timeout, while the registry is changed and tools
 * are called; then the invocation service killed with SIGKILL, so that the events of the calls it answered are
 * nowhere but in its journal. Once the broker is back and the service started again on the same directory, every
 * event of the outage arrives: the registry's from its outbox, the calls' from the journal.
 */
class ToolEventsAfterKillIT {

    private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    private static final Path JOURNAL = Path.of("target/it-event-journal").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration OUTAGE = Duration.ofSeconds(60);
    private static final Duration BETWEEN_CALLS = Duration.ofSeconds(2);

    @Test
    void sendsEveryEventOfAMinuteLongBrokerOutageEndedByAKill() throws InterruptedException {
        deleteRecursively(JOURNAL);
        EmbeddedKafkaBroker broker = LocalStackTestResource.shared().kafka();
        String name = uniqueName("killed");
        String serverId = null;
        try (ServiceProcess invocation = ServiceProcess.start("invocation-killed", JAR, "invocation", Map.of(
                "switchboard.invocation.registry.url", Registry.url(),
                "switchboard.invocation.registry.service-key", RegistryTestResource.SERVICE_KEY,
                "switchboard.invocation.stdio.children-directory", "target/it-children-killed",
                "switchboard.stdio.allowed-commands", "node,npx",
                "switchboard.invocation.events.include-arguments", "true",
                "switchboard.invocation.events.journal.directory", JOURNAL.toString()))) {
            serverId = createServer(stdioEverything(name));
            awaitConnected(invocation, serverId);

            String run = UUID.randomUUID().toString();
            Set<String> answered = new LinkedHashSet<>();
            Set<String> tenants = new LinkedHashSet<>();
            broker.stop();
            try {
                long outageEnds = System.nanoTime() + OUTAGE.toNanos();
                for (int i = 0; System.nanoTime() < outageEnds; i++) {
                    String message = run + " call " + i;
                    given().baseUri(invocation.url()).auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                            .body(Map.of("arguments", Map.of("message", message)))
                            .post("/api/tools/{name}/invoke", name + "__echo").then().statusCode(200);
                    answered.add(message);
                    if (i % 5 == 0) {
                        tenants.add(Registry.createTenant(uniqueName("outage")));
                    }
                    Thread.sleep(BETWEEN_CALLS.toMillis());
                }
                invocation.kill();
            } finally {
                broker.start();
            }

            long restartedAt = System.nanoTime();
            invocation.start();
            Set<String> sent = new HashSet<>();
            String server = serverId;
            TopicReader.read(Topics.INVOCATIONS, record -> server.equals(record.key())
                    && answered.contains(message(record.value())) && sent.add(message(record.value())), answered.size(),
                    Duration.ofSeconds(120));
            System.out.printf("ToolEventsAfterKillIT: %d tool events sent %d ms after the restart began%n", sent.size(),
                    (System.nanoTime() - restartedAt) / 1_000_000);
            assertEquals(answered, sent, "every answered call's tool.invoked event");
            Set<String> created = new HashSet<>();
            TopicReader.read(Topics.REGISTRY, record -> tenants.contains(record.key())
                    && record.value().contains("\"tenant.created\"") && created.add(record.key()), tenants.size(),
                    Duration.ofSeconds(120));
            assertEquals(tenants, created, "every tenant.created of the outage");
        } finally {
            if (serverId != null) {
                deleteServer(serverId);
            }
        }
    }

    private static String message(String event) {
        try {
            JsonNode arguments = JSON.readTree(event).path("data").path("arguments");
            return arguments.path("message").asText("");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void awaitConnected(ServiceProcess invocation, String serverId) {
        await().atMost(Duration.ofSeconds(60)).until(() -> "connected".equals(given().baseUri(invocation.url())
                .auth().oauth2(TestTokens.admin()).get("/api/connections/{id}", serverId).then().extract().path("data.state")));
    }

    private static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
