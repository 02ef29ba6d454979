package dev.switchboard.audit.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.audit.SseStream;
import dev.switchboard.model.event.EventEnvelope;
import dev.switchboard.model.event.EventType;
import dev.switchboard.platform.events.EventPublisher;
import dev.switchboard.testsupport.TestTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@QuarkusTest
class EventStreamTest {

    @TestHTTPResource("/api/events")
    URL events;

    @Inject
    EventPublisher publisher;

    @Inject
    ObjectMapper json;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void deliversAMatchingEventWithinASecondAndSkipsOthers() throws Exception {
        String tenant = "t-" + UUID.randomUUID();
        String server = UUID.randomUUID().toString();
        try (SseStream client = open("?types=server.*&servers=" + server, TestTokens.forRole("user", tenant), null)) {
            client.awaitOpen();
            publish(EventType.TOOL_INVOKED, server, tenant);
            publish(EventType.SERVER_UPDATED, UUID.randomUUID().toString(), tenant);
            publish(EventType.SERVER_CREATED, server, "another-tenant");
            EventEnvelope wanted = publish(EventType.SERVER_CONNECTED, server, tenant);

            SseStream.SseEvent received = client.next(Duration.ofSeconds(10));
            assertEquals(wanted.id(), received.id());
            assertEquals("server.connected", received.event());
            assertEquals(tenant, json.readTree(received.data()).get("tenantid").asText());
            assertNull(client.next(Duration.ofSeconds(2)), "nothing else matched");
        }
    }

    @Test
    void reachesAnOpenStreamWithinASecondOfStorage() throws Exception {
        String tenant = "t-" + UUID.randomUUID();
        try (SseStream client = open("", TestTokens.forRole("manager", tenant), null)) {
            client.awaitOpen();
            EventEnvelope event = publish(EventType.GROUP_CREATED, UUID.randomUUID().toString(), tenant);
            long sent = System.nanoTime();
            SseStream.SseEvent received = client.next(Duration.ofSeconds(10));
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent);
            assertEquals(event.id(), received.id());
            assertTrue(millis < 1000, "took " + millis + " ms");
        }
    }

    @Test
    void replaysWhatALastEventIdMissedThenContinuesLive() throws Exception {
        String tenant = "t-" + UUID.randomUUID();
        String token = TestTokens.forRole("user", tenant);
        String first;
        try (SseStream client = open("?types=group.*", token, null)) {
            client.awaitOpen();
            first = publish(EventType.GROUP_CREATED, "g-1", tenant).id();
            assertEquals(first, client.next(Duration.ofSeconds(10)).id());
        }
        EventEnvelope missedOne = publish(EventType.GROUP_UPDATED, "g-1", tenant);
        publish(EventType.SERVER_CREATED, "s-1", tenant);
        EventEnvelope missedTwo = publish(EventType.GROUP_DELETED, "g-1", tenant);
        // Stored in order per subject: once the last one is stored, so are those before it.
        await().atMost(Duration.ofSeconds(30)).until(() -> given().auth().oauth2(TestTokens.admin())
                .get("/api/audit/{id}", missedTwo.id()).statusCode() == 200);

        try (SseStream client = open("?types=group.*", token, first)) {
            assertEquals(missedOne.id(), client.next(Duration.ofSeconds(10)).id());
            assertEquals(missedTwo.id(), client.next(Duration.ofSeconds(10)).id());
            EventEnvelope live = publish(EventType.GROUP_CREATED, "g-2", tenant);
            assertEquals(live.id(), client.next(Duration.ofSeconds(10)).id());
        }
    }

    @Test
    void sendsCommentHeartbeats() throws Exception {
        try (SseStream client = open("", TestTokens.forRole("user", "t-" + UUID.randomUUID()), null)) {
            client.awaitOpen();
            assertTrue(client.awaitLine(line -> line.startsWith(":"), Duration.ofSeconds(5)), "a comment line");
        }
    }

    @Test
    void refusesAStreamWithoutAToken() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(events.toURI()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, response.statusCode());
    }

    private EventEnvelope publish(EventType type, String subject, String tenant) throws Exception {
        EventEnvelope event = EventEnvelope.of("/test", type, subject, tenant, "key-1", json.readTree("{}"));
        publisher.publish(event).toCompletableFuture().get(30, TimeUnit.SECONDS);
        return event;
    }

    private SseStream open(String query, String token, String lastEventId) {
        return SseStream.open(events + query, token, lastEventId);
    }

}
