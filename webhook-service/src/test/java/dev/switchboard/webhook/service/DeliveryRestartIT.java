package dev.switchboard.webhook.service;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.localstack.FreePorts;
import dev.switchboard.model.event.EventEnvelope;
import dev.switchboard.model.event.EventType;
import dev.switchboard.testsupport.ServiceProcess;
import dev.switchboard.testsupport.TestJson;
import dev.switchboard.testsupport.TestTokens;
import dev.switchboard.testsupport.TopicWriter;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The packaged service killed with SIGKILL while it sends, and started again: every event accepted before the kill
 * reaches the receiver, signed, and only the few that were on the wire at the kill are sent twice, with the same
 * {@code webhook-id}, so that a receiver deduplicating on it acknowledges each event once.
 */
class DeliveryRestartIT {

    private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    private static final Path RECEIVER = Path.of("src/test/receiver").toAbsolutePath();
    private static final ObjectMapper JSON = TestJson.MAPPER;
    private static final int EVENTS = 60;
    private static final int IN_FLIGHT_PER_SUBSCRIPTION = 4;

    @Test
    void losesNothingWhenKilledMidDeliveryAndRepeatsOnlyWhatWasOnTheWire() throws Exception {
        Map<String, String> properties = new HashMap<>(Map.of(
                "switchboard.outbound.allow-private-addresses", "true",
                "switchboard.webhook.retry-schedule", "PT1S,PT1S,PT1S,PT1S,PT1S",
                "switchboard.webhook.lease", "PT5S",
                "switchboard.webhook.max-in-flight-per-subscription", String.valueOf(IN_FLIGHT_PER_SUBSCRIPTION)));
        int port = FreePorts.find();
        String tenant = UUID.randomUUID().toString();
        try (ServiceProcess webhooks = ServiceProcess.start("webhook-service-killed", JAR, "webhook", properties)) {
            JsonPath created = given().baseUri(webhooks.url()).auth().oauth2(TestTokens.forRole("manager", tenant))
                    .contentType(ContentType.JSON)
                    .body("{\"url\":\"http://127.0.0.1:" + port + "/hooks\",\"events\":[\"server.*\"]}")
                    .post("/api/webhooks").then().statusCode(201).extract().jsonPath();
            Receiver receiver = Receiver.start(port, created.getString("data.secret"), 200);
            try {
                Set<String> published = publish(tenant);

                await().atMost(Duration.ofSeconds(60)).until(() -> receiver.requests().size() >= 10);
                webhooks.kill();
                int beforeRestart = receiver.requests().size();
                assertTrue(beforeRestart < EVENTS, "killed while events were still to be sent: " + beforeRestart);
                webhooks.start();

                await().atMost(Duration.ofSeconds(120)).until(() -> receiver.acknowledged().containsAll(published));
                List<JsonNode> requests = receiver.requests();
                assertTrue(requests.stream().allMatch(request -> request.path("verified").asBoolean()), "all signed");
                assertEquals(published, receiver.acknowledged(), "exactly the published events");
                int repeated = requests.size() - new HashSet<>(requests.stream().map(r -> r.path("id").asText()).toList()).size();
                assertTrue(repeated <= IN_FLIGHT_PER_SUBSCRIPTION,
                        repeated + " events sent twice; only those on the wire at the kill may be");
            } finally {
                receiver.stop();
            }
        }
    }

    private static Set<String> publish(String tenant) {
        Set<String> ids = new HashSet<>();
        try (TopicWriter writer = TopicWriter.open()) {
            for (int i = 0; i < EVENTS; i++) {
                ids.add(writer.send(EventEnvelope.of("/registry-service", EventType.SERVER_UPDATED,
                        UUID.randomUUID().toString(), tenant, "key-1", JSON.createObjectNode().put("name", "server-" + i))));
            }
        }
        return ids;
    }

    /** The Standard Webhooks receiver of {@code src/test/receiver}, its requests read as they come. */
    private record Receiver(Process process, List<JsonNode> lines) {

        static Receiver start(int port, String secret, int delayMs) throws IOException {
            Process process = new ProcessBuilder("node", "receiver.mjs", String.valueOf(port), secret, "0",
                    String.valueOf(delayMs)).directory(RECEIVER.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            Receiver receiver = new Receiver(process, Collections.synchronizedList(new ArrayList<>()));
            BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            if (!"listening".equals(output.readLine())) {
                throw new IllegalStateException("the receiver did not start");
            }
            Thread reader = new Thread(() -> {
                try {
                    for (String line = output.readLine(); line != null; line = output.readLine()) {
                        receiver.lines.add(JSON.readTree(line));
                    }
                } catch (IOException ended) {
                    // The receiver was stopped.
                }
            }, "receiver-output");
            reader.setDaemon(true);
            reader.start();
            return receiver;
        }

        List<JsonNode> requests() {
            synchronized (lines) {
                return List.copyOf(lines);
            }
        }

        /** The webhook-ids answered with success: what a receiver deduplicating on them has processed. */
        Set<String> acknowledged() {
            Set<String> ids = new HashSet<>();
            requests().stream().filter(request -> request.path("status").asInt() == 204)
                    .forEach(request -> ids.add(request.path("id").asText()));
            return ids;
        }

        void stop() {
            process.destroy();
            try {
                process.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                process.destroyForcibly();
            }
        }
    }
}
