package dev.switchboard.webhook.service;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.localstack.FreePorts;
import dev.switchboard.model.event.Topics;
import dev.switchboard.platform.events.DeadLetterPublisher;
import dev.switchboard.testsupport.ServiceProcess;
import dev.switchboard.testsupport.TestTokens;
import dev.switchboard.testsupport.TopicReader;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The packaged service ended while it sends, and started again: every event accepted before the end reaches the
 * receiver, signed. Killed (SIGKILL), it sends again only what it had sent and not yet recorded, with the same
 * {@code webhook-id}, so that a receiver deduplicating on it acknowledges each event once; those it had leased ahead
 * and not sent are sent once, when their lease ends. Stopped (SIGTERM), it sends nothing twice and parks nothing.
 */
class DeliveryRestartIT {

    private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    private static final int EVENTS = 60;
    /**
     * Deliveries sent and not yet recorded, in all: the most a kill can make it send again. A delivery leaves its
     * subscription's slot when answered, before it is recorded, so the per-subscription limit alone does not bound them.
     */
    private static final int IN_FLIGHT = 4;
    private static final Map<String, String> PROPERTIES = Map.of(
            "switchboard.outbound.allow-private-addresses", "true",
            "switchboard.webhook.retry-schedule", "PT1S,PT1S,PT1S,PT1S,PT1S",
            "switchboard.webhook.lease", "PT10S",
            "switchboard.webhook.response-timeout", "PT2S",
            "switchboard.webhook.max-in-flight", String.valueOf(IN_FLIGHT),
            "switchboard.webhook.max-in-flight-per-subscription", String.valueOf(IN_FLIGHT));

    @Test
    void losesNothingWhenKilledMidDeliveryAndRepeatsOnlyWhatWasOnTheWire() throws Exception {
        int port = FreePorts.find();
        String tenant = UUID.randomUUID().toString();
        try (ServiceProcess webhooks = ServiceProcess.start("webhook-service-killed", JAR, "webhook", PROPERTIES);
             TestReceiver receiver = TestReceiver.start(port, subscribe(webhooks, tenant, port), 200)) {
            Set<String> published = TestEvents.serverUpdates(tenant, EVENTS);

            await().atMost(Duration.ofSeconds(60)).until(() -> receiver.requests().size() >= 10);
            webhooks.kill();
            int beforeRestart = receiver.requests().size();
            assertTrue(beforeRestart < EVENTS, "killed while events were still to be sent: " + beforeRestart);
            webhooks.start();

            await().atMost(Duration.ofSeconds(120)).until(() -> receiver.acknowledged().containsAll(published));
            assertEverySigned(receiver);
            assertEquals(published, receiver.acknowledged(), "exactly the published events");
            int repeated = receiver.repeated();
            assertTrue(repeated <= IN_FLIGHT, repeated + " events sent twice; only those sent and not yet recorded "
                    + "at the kill may be, at most " + IN_FLIGHT);
        }
    }

    @Test
    void parksNothingAndRepeatsNothingWhenStoppedMidStream() throws Exception {
        int port = FreePorts.find();
        String tenant = UUID.randomUUID().toString();
        try (ServiceProcess webhooks = ServiceProcess.start("webhook-service-stopped", JAR, "webhook", PROPERTIES);
             TestReceiver receiver = TestReceiver.start(port, subscribe(webhooks, tenant, port), 50)) {
            Set<String> published;
            // Events keep coming while the service stops, as they do in a rolling update.
            try (TestEvents.Stream events = new TestEvents.Stream(tenant, Duration.ofMillis(50))) {
                await().atMost(Duration.ofSeconds(60)).until(() -> receiver.requests().size() >= 10);
                assertTrue(webhooks.stop(), "ended by itself on SIGTERM; see " + webhooks.log());
                published = events.stop();
            }

            assertEquals(List.of(), TopicReader.readToEnd(Topics.DEAD_LETTER, record -> record.value().contains(tenant))
                    .stream().map(DeliveryRestartIT::parkedBecause).toList(), "why a stopping service parked events");
            webhooks.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> receiver.acknowledged().containsAll(published));
            assertEverySigned(receiver);
            assertEquals(published, receiver.acknowledged(), "exactly the published events");
            assertEquals(0, receiver.repeated(), "events sent twice across a graceful stop");
        }
    }

    /** Subscribes the tenant to its server events at the receiver's port; returns the signing secret. */
    private static String subscribe(ServiceProcess webhooks, String tenant, int port) {
        return given().baseUri(webhooks.url()).auth().oauth2(TestTokens.forRole("manager", tenant))
                .contentType(ContentType.JSON)
                .body("{\"url\":\"http://127.0.0.1:" + port + "/hooks\",\"events\":[\"server.*\"]}")
                .post("/api/webhooks").then().statusCode(201).extract().jsonPath().getString("data.secret");
    }

    private static String parkedBecause(ConsumerRecord<String, String> parked) {
        return new String(parked.headers().lastHeader(DeadLetterPublisher.REASON).value(), StandardCharsets.UTF_8);
    }

    private static void assertEverySigned(TestReceiver receiver) {
        List<JsonNode> requests = receiver.requests();
        assertTrue(requests.stream().allMatch(request -> request.path("verified").asBoolean()), "all signed");
    }
}
