package dev.switchboard.invocation.service;

import static dev.switchboard.invocation.Registry.awaitState;
import static dev.switchboard.invocation.Registry.createServer;
import static dev.switchboard.invocation.Registry.deleteServer;
import static dev.switchboard.invocation.Registry.stdioEverything;
import static dev.switchboard.invocation.Registry.uniqueName;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.localstack.EmbeddedKafkaBroker;
import dev.switchboard.localstack.LocalStackTestResource;
import dev.switchboard.localstack.TestTokens;
import dev.switchboard.localstack.TopicReader;
import dev.switchboard.model.event.Topics;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Calls go on while the broker is away, and every tool event they made arrives once it is back. */
@QuarkusTest
class ToolEventsOutageTest {

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
                    given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                            .body("{\"arguments\":{\"message\":\"during outage " + i + "\"}}")
                            .post("/api/tools/{name}/invoke", name + "__echo").then().statusCode(200);
                }
            } finally {
                broker.start();
            }
            // At least once: an event the broker took as it stopped may come twice; each id counts once.
            ObjectMapper json = new ObjectMapper();
            Set<String> ids = new HashSet<>();
            TopicReader.read(Topics.INVOCATIONS, record -> id.equals(record.key()) && ids.add(eventId(json, record.value())),
                    20, Duration.ofSeconds(120));
            assertEquals(20, ids.size(), "20 distinct tool.invoked events");
        } finally {
            deleteServer(id);
        }
    }

    private static String eventId(ObjectMapper json, String value) {
        try {
            return json.readTree(value).get("id").asText();
        } catch (Exception e) {
            throw new IllegalStateException("not an event: " + value, e);
        }
    }
}
