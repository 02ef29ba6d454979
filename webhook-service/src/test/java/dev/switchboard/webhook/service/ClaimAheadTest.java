package dev.switchboard.webhook.service;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.localstack.FreePorts;
import dev.switchboard.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Deliveries leased ahead of a subscription's free slots (the test profile lets them wait half a second, under the
 * default one-minute lease), as a slow receiver sees them: none is sent twice, none waits for its lease to end, and
 * none goes to where the subscription no longer points.
 */
@QuarkusTest
class ClaimAheadTest {

    private static final int EVENTS = 60;
    private static final int IN_FLIGHT_PER_SUBSCRIPTION = 4;

    @Test
    void aDeliveryThatWaitedTooLongForASlotIsGivenBackAndSentWithoutWaitingForItsLease() throws Exception {
        String tenant = "tenant-" + UUID.randomUUID();
        int port = FreePorts.find();
        JsonPath created = subscribe(tenant, port);
        try (TestReceiver receiver = TestReceiver.start(port, created.getString("data.secret"), 300)) {
            Set<String> published = TestEvents.serverUpdates(tenant, EVENTS);

            // Four at a time, 300 ms each: of the sixteen leased ahead, the last wait over a second for a slot. Had
            // they not been given back after their half second, they would go only when their one-minute lease ended.
            await().atMost(Duration.ofSeconds(30)).until(() -> receiver.acknowledged().containsAll(published));
            assertEquals(0, receiver.repeated(), "no event sent twice");
            assertTrue(receiver.requests().stream().allMatch(request -> request.path("verified").asBoolean()));
        }
    }

    @Test
    void deliveriesLeasedAheadForASubscriptionThatChangesGoWhereItNowPoints() throws Exception {
        String tenant = "tenant-" + UUID.randomUUID();
        int oldPort = FreePorts.find();
        int newPort = FreePorts.find();
        JsonPath created = subscribe(tenant, oldPort);
        String secret = created.getString("data.secret");
        // Four at a time, 100 ms each: the sixteen leased ahead would all go within their half second.
        try (TestReceiver before = TestReceiver.start(oldPort, secret, 100);
             TestReceiver after = TestReceiver.start(newPort, secret, 0)) {
            Set<String> published = TestEvents.serverUpdates(tenant, EVENTS);
            await().atMost(Duration.ofSeconds(30)).until(() -> before.requests().size() >= IN_FLIGHT_PER_SUBSCRIPTION);

            given().auth().oauth2(TestTokens.forRole("manager", tenant)).contentType(ContentType.JSON)
                    .body("{\"url\":\"http://127.0.0.1:" + newPort + "/hooks\"}")
                    .patch("/api/webhooks/{id}", created.getString("data.id")).then().statusCode(200);
            int sentBeforeTheChange = before.requests().size();

            await().atMost(Duration.ofSeconds(30)).until(() -> {
                Set<String> received = new HashSet<>(before.acknowledged());
                received.addAll(after.acknowledged());
                return received.containsAll(published);
            });
            // Those on the wire when the change committed, and a slot's worth sent in the instant before the worker
            // heard of it, may still reach the former receiver (and be counted late); the sixteen leased ahead do not.
            int sentAfterTheChange = before.requests().size() - sentBeforeTheChange;
            assertTrue(sentAfterTheChange < 3 * IN_FLIGHT_PER_SUBSCRIPTION,
                    sentAfterTheChange + " deliveries reached the former URL after the change");
            assertTrue(after.requests().stream().allMatch(request -> request.path("verified").asBoolean()));
        }
    }

    private static JsonPath subscribe(String tenant, int port) {
        return given().auth().oauth2(TestTokens.forRole("manager", tenant)).contentType(ContentType.JSON)
                .body("{\"url\":\"http://127.0.0.1:" + port + "/hooks\",\"events\":[\"server.*\"]}")
                .post("/api/webhooks").then().statusCode(201).extract().jsonPath();
    }
}
