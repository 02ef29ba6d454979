package dev.switchboard.invocation.service;

import static dev.switchboard.invocation.Registry.awaitState;
import static dev.switchboard.invocation.Registry.createServer;
import static dev.switchboard.invocation.Registry.deleteServer;
import static dev.switchboard.invocation.Registry.stdioEverything;
import static dev.switchboard.invocation.Registry.uniqueName;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.localstack.EmbeddedKafkaBroker;
import dev.switchboard.model.event.Topics;
import dev.switchboard.testsupport.LocalStackTestResource;
import dev.switchboard.testsupport.TestTokens;
import dev.switchboard.testsupport.TopicReader;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Calls go on while the broker is away, and every tool event they made arrives once it is back, or, beyond the
 * journal's size (32 KiB in the test profile), is counted as dropped.
 */
@QuarkusTest
class ToolEventsOutageTest {

    private final MeterRegistry meters;

    ToolEventsOutageTest(MeterRegistry meters) {
        this.meters = meters;
    }

    @Test
    void keepsAnsweringDuringABrokerOutageAndLosesNoToolEvent() throws Exception {
        String name = uniqueName("outage");
        String id = createServer(stdioEverything(name));
        EmbeddedKafkaBroker broker = LocalStackTestResource.shared().kafka();
        try {
            awaitState(id, "connected");
            broker.stop();
            try {
                for (int i = 0; i < 20; i++) {
                    invokeEcho(name, "during outage " + i);
                }
            } finally {
                broker.start();
            }
            assertEquals(20, distinctEvents(id, 20, Duration.ofSeconds(120)), "20 distinct tool.invoked events");
        } finally {
            deleteServer(id);
        }
    }

    @Test
    void countsEveryEventThatDidNotFitTheJournalDuringAnOutage() {
        int calls = 80;
        String name = uniqueName("overflow");
        String id = createServer(stdioEverything(name));
        EmbeddedKafkaBroker broker = LocalStackTestResource.shared().kafka();
        try {
            awaitState(id, "connected");
            double droppedBefore = droppedToolEvents();
            broker.stop();
            try {
                for (int i = 0; i < calls; i++) {
                    invokeEcho(name, "overflowing " + i);
                }
            } finally {
                broker.start();
            }
            assertTrue(droppedToolEvents() - droppedBefore >= 1, "more events than the journal holds");
            await().atMost(Duration.ofSeconds(120)).until(() -> {
                long dropped = Math.round(droppedToolEvents() - droppedBefore);
                return distinctEvents(id, calls, Duration.ofSeconds(8)) + dropped == calls;
            });
        } finally {
            deleteServer(id);
        }
    }

    private double droppedToolEvents() {
        Counter counter = meters.find("switchboard.events.dropped").tag("type", "tool.invoked").counter();
        return counter == null ? 0 : counter.count();
    }

    private static void invokeEcho(String server, String message) {
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body("{\"arguments\":{\"message\":\"" + message + "\"}}")
                .post("/api/tools/{name}/invoke", server + "__echo").then().statusCode(200);
    }

    /**
     * How many distinct events about the server arrived, reading until {@code atMost} came or the time is up. At least
     * once: an event the broker took as it stopped may come twice, so each id counts once.
     */
    private static int distinctEvents(String serverId, int atMost, Duration timeout) {
        ObjectMapper json = new ObjectMapper();
        Set<String> ids = new HashSet<>();
        TopicReader.read(Topics.INVOCATIONS, record -> serverId.equals(record.key()) && ids.add(eventId(json, record.value())),
                atMost, timeout);
        return ids.size();
    }

    private static String eventId(ObjectMapper json, String value) {
        try {
            return json.readTree(value).get("id").asText();
        } catch (Exception e) {
            throw new IllegalStateException("not an event: " + value, e);
        }
    }
}
