package dev.switchboard.invocation.service;

import static dev.switchboard.invocation.PackagedInvocation.argumentMessage;
import static dev.switchboard.invocation.PackagedInvocation.awaitConnected;
import static dev.switchboard.invocation.Registry.createServer;
import static dev.switchboard.invocation.Registry.deleteServer;
import static dev.switchboard.invocation.Registry.stdioEverything;
import static dev.switchboard.invocation.Registry.uniqueName;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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
    private static final Duration OUTAGE = Duration.ofSeconds(60);
    private static final int CALLS_PER_BURST = 15;
    /** What the service logs when the producer gave up on a batch, which the journal then keeps. */
    private static final String GAVE_UP = "events could not be sent";

    @Test
    void sendsEveryEventOfAMinuteLongBrokerOutageEndedByAKill() throws Exception {
        TestFiles.deleteTree(JOURNAL);
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
            Instant outageEnds = Instant.now().plus(OUTAGE);
            try {
                String log = invocation.log();
                long givenUpBefore = linesSaying(log, GAVE_UP);
                callAndChange(invocation, name, run + " early", answered, tenants);
                // The producer gives up on the first events after its delivery timeout; the journal keeps them.
                await().atMost(Duration.ofSeconds(50)).until(() -> linesSaying(log, GAVE_UP) > givenUpBefore);
                callAndChange(invocation, name, run + " late", answered, tenants);
                keepTheBrokerAwayUntil(outageEnds);
                invocation.kill();
            } finally {
                broker.start();
            }

            long restartedAt = System.nanoTime();
            invocation.start();
            Set<String> sent = new HashSet<>();
            String server = serverId;
            TopicReader.read(Topics.INVOCATIONS, record -> server.equals(record.key())
                    && answered.contains(argumentMessage(record.value())) && sent.add(argumentMessage(record.value())), answered.size(),
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

    /** A burst of tool calls and registry changes while the broker is away; all of them are answered. */
    private static void callAndChange(ServiceProcess invocation, String server, String prefix, Set<String> answered,
                                      Set<String> tenants) {
        for (int i = 0; i < CALLS_PER_BURST; i++) {
            String message = prefix + " call " + i;
            given().baseUri(invocation.url()).auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                    .body(Map.of("arguments", Map.of("message", message)))
                    .post("/api/tools/{name}/invoke", server + "__echo").then().statusCode(200);
            answered.add(message);
        }
        tenants.add(Registry.createTenant(uniqueName("outage")));
    }

    /** The outage is the fault under test: it lasts its minute whatever the service does meanwhile. */
    private static void keepTheBrokerAwayUntil(Instant end) throws InterruptedException {
        Duration left = Duration.between(Instant.now(), end);
        if (!left.isNegative()) {
            Thread.sleep(left.toMillis());
        }
    }

    private static long linesSaying(String log, String text) throws IOException {
        try (Stream<String> lines = Files.lines(Path.of(log))) {
            return lines.filter(line -> line.contains(text)).count();
        }
    }
}
