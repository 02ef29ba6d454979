package dev.switchboard.webhook.repository;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.testsupport.TestTokens;
import dev.switchboard.webhook.api.DeliveryView;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Deliveries planned and attempts recorded as one statement over arrays each: what goes in comes back unchanged, text
 * that array literals must escape included, and a missing value stays missing.
 */
@QuarkusTest
class DeliveryRepositoryTest {

    /** Quotes, a backslash, braces, commas, a newline and non-ASCII: everything an array literal has to escape. */
    private static final String AWKWARD = "say \"hi\", {then} \\ leave\nnaïve ✓";

    @Inject
    DeliveryRepository deliveries;

    @Inject
    EntityManager entityManager;

    @Inject
    ObjectMapper json;

    @Test
    void plansEachEventOnceAndKeepsItsPayloadAsSent() throws Exception {
        UUID subscription = pausedSubscription();
        String payload = json.createObjectNode().put("id", "e1").put("data", AWKWARD).toString();
        List<DeliveryRepository.Pending> batch = List.of(
                new DeliveryRepository.Pending(subscription, "e1", "tool.invoked", payload),
                new DeliveryRepository.Pending(subscription, "e2", "tool.error", "{\"id\":\"e2\"}"),
                new DeliveryRepository.Pending(subscription, "e1", "tool.invoked", payload));

        assertEquals(2, QuarkusTransaction.requiringNew().call(() -> deliveries.insertPendingIfAbsent(batch, Instant.now())),
                "an event twice in one batch is planned once");
        assertEquals(0, QuarkusTransaction.requiringNew().call(() -> deliveries.insertPendingIfAbsent(batch.subList(0, 1),
                Instant.now())), "an event planned before is not planned again");

        String stored = QuarkusTransaction.requiringNew().call(() -> (String) entityManager.createNativeQuery(
                        "SELECT CAST(payload AS text) FROM webhook_delivery WHERE subscription_id = ?1 AND event_id = 'e1'")
                .setParameter(1, subscription).getSingleResult());
        assertEquals(json.readTree(payload), json.readTree(stored));
        List<DeliveryView> planned = QuarkusTransaction.requiringNew().call(() -> deliveries.page(subscription,
                new DeliveryRepository.Filter(null, null, null, null), 10, 0).items());
        assertEquals(List.of("e1", "e2"), planned.stream().map(DeliveryView::eventId).sorted().toList());
        assertEquals(List.of("pending", "pending"), planned.stream().map(DeliveryView::status).toList());
    }

    @Test
    void recordsEveryAttemptAndSettlesEachDeliveryAsItsLastSettlementSays() {
        UUID subscription = pausedSubscription();
        QuarkusTransaction.requiringNew().run(() -> deliveries.insertPendingIfAbsent(List.of(
                new DeliveryRepository.Pending(subscription, "retried", "tool.invoked", "{}"),
                new DeliveryRepository.Pending(subscription, "delivered", "tool.invoked", "{}")), Instant.now()));
        UUID retried = idOf(subscription, "retried");
        UUID delivered = idOf(subscription, "delivered");
        Instant first = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Instant second = first.plusSeconds(5);
        Instant later = first.plusSeconds(300);

        QuarkusTransaction.requiringNew().run(() -> deliveries.record(List.of(
                        new DeliveryRepository.AttemptRow(retried, first, null, 12, null, AWKWARD),
                        new DeliveryRepository.AttemptRow(retried, second, 503, 7, AWKWARD, null),
                        new DeliveryRepository.AttemptRow(delivered, first, 204, 3, "", null)),
                List.of(new DeliveryRepository.Settlement(retried, "pending", 1, second, null, "refused", null),
                        new DeliveryRepository.Settlement(retried, "pending", 2, later, 503, "HTTP 503", null),
                        new DeliveryRepository.Settlement(delivered, "delivered", 1, first, 204, null, first))));

        DeliveryView retriedView = QuarkusTransaction.requiringNew().call(() -> deliveries.find(subscription, retried))
                .orElseThrow();
        assertEquals("pending", retriedView.status());
        assertEquals(2, retriedView.attempts());
        assertEquals(later, retriedView.nextAttemptAt());
        assertEquals(503, retriedView.lastStatusCode());
        assertEquals("HTTP 503", retriedView.lastError());
        assertNull(retriedView.deliveredAt());
        assertEquals(List.of(new DeliveryView.Attempt(first, null, 12, null, AWKWARD),
                new DeliveryView.Attempt(second, 503, 7, AWKWARD, null)), retriedView.attemptLog());

        DeliveryView deliveredView = QuarkusTransaction.requiringNew().call(() -> deliveries.find(subscription, delivered))
                .orElseThrow();
        assertEquals("delivered", deliveredView.status());
        assertEquals(first, deliveredView.deliveredAt());
        assertNull(deliveredView.lastError());
        assertEquals(List.of(new DeliveryView.Attempt(first, 204, 3, "", null)), deliveredView.attemptLog());
    }

    /** A subscription that no worker sends for, so that what these tests write stays as they wrote it. */
    private static UUID pausedSubscription() {
        String tenant = "tenant-" + UUID.randomUUID();
        String id = given().auth().oauth2(TestTokens.forRole("manager", tenant)).contentType(ContentType.JSON)
                .body("{\"url\":\"http://127.0.0.1:9/hooks\",\"events\":[\"tool.*\"]}")
                .post("/api/webhooks").then().statusCode(201).extract().path("data.id");
        given().auth().oauth2(TestTokens.forRole("manager", tenant)).contentType(ContentType.JSON)
                .body("{\"enabled\":false}")
                .patch("/api/webhooks/{id}", id).then().statusCode(200);
        return UUID.fromString(id);
    }

    private UUID idOf(UUID subscription, String eventId) {
        return QuarkusTransaction.requiringNew().call(() -> (UUID) entityManager.createNativeQuery(
                        "SELECT id FROM webhook_delivery WHERE subscription_id = ?1 AND event_id = ?2")
                .setParameter(1, subscription).setParameter(2, eventId).getSingleResult());
    }
}
