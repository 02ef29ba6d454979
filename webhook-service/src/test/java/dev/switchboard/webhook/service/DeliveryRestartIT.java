package dev.switchboard.webhook.service;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.localstack.FreePorts;
import dev.switchboard.testsupport.ServiceProcess;
import dev.switchboard.testsupport.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The packaged service killed with SIGKILL while it sends, and started again: every event accepted before the kill
 * reaches the receiver, signed, and only the few that were on the wire at the kill are sent twice, with the same
 * {@code webhook-id}, so that a receiver deduplicating on it acknowledges each event once; those it had leased ahead
 * and not sent are sent once, when their lease ends.
 */
class DeliveryRestartIT {

    private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    private static final int EVENTS = 60;
    private static final int IN_FLIGHT_PER_SUBSCRIPTION = 4;

    @Test
    void losesNothingWhenKilledMidDeliveryAndRepeatsOnlyWhatWasOnTheWire() throws Exception {
        Map<String, String> properties = new HashMap<>(Map.of(
                "switchboard.outbound.allow-private-addresses", "true",
                "switchboard.webhook.retry-schedule", "PT1S,PT1S,PT1S,PT1S,PT1S",
                "switchboard.webhook.lease", "PT10S",
                "switchboard.webhook.response-timeout", "PT2S",
                "switchboard.webhook.max-in-flight-per-subscription", String.valueOf(IN_FLIGHT_PER_SUBSCRIPTION)));
        int port = FreePorts.find();
        String tenant = UUID.randomUUID().toString();
        try (ServiceProcess webhooks = ServiceProcess.start("webhook-service-killed", JAR, "webhook", properties)) {
            JsonPath created = given().baseUri(webhooks.url()).auth().oauth2(TestTokens.forRole("manager", tenant))
                    .contentType(ContentType.JSON)
                    .body("{\"url\":\"http://127.0.0.1:" + port + "/hooks\",\"events\":[\"server.*\"]}")
                    .post("/api/webhooks").then().statusCode(201).extract().jsonPath();
            try (TestReceiver receiver = TestReceiver.start(port, created.getString("data.secret"), 200)) {
                Set<String> published = TestEvents.serverUpdates(tenant, EVENTS);

                await().atMost(Duration.ofSeconds(60)).until(() -> receiver.requests().size() >= 10);
                webhooks.kill();
                int beforeRestart = receiver.requests().size();
                assertTrue(beforeRestart < EVENTS, "killed while events were still to be sent: " + beforeRestart);
                webhooks.start();

                await().atMost(Duration.ofSeconds(120)).until(() -> receiver.acknowledged().containsAll(published));
                List<JsonNode> requests = receiver.requests();
                assertTrue(requests.stream().allMatch(request -> request.path("verified").asBoolean()), "all signed");
                assertEquals(published, receiver.acknowledged(), "exactly the published events");
                int repeated = receiver.repeated();
                assertTrue(repeated <= IN_FLIGHT_PER_SUBSCRIPTION,
                        repeated + " events sent twice; only those on the wire at the kill may be");
            }
        }
    }
}
