package dev.switchboard.webhook.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.platform.security.Caller;
import dev.switchboard.webhook.api.TestDelivery;
import dev.switchboard.webhook.client.WebhookSender;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * Sends a {@code webhook.test} CloudEvent to a subscription's receiver at once, signed like every delivery, and says
 * how it went. It is not recorded as a delivery: it stands for no event.
 */
@ApplicationScoped
public class WebhookTester {

    private final SubscriptionService subscriptions;
    private final DeliveryHeaders headers;
    private final WebhookSender sender;
    private final ObjectMapper json;

    public WebhookTester(SubscriptionService subscriptions, DeliveryHeaders headers, WebhookSender sender, ObjectMapper json) {
        this.subscriptions = subscriptions;
        this.headers = headers;
        this.sender = sender;
        this.json = json;
    }

    public CompletionStage<TestDelivery> test(UUID id, Caller caller) {
        SubscriptionService.Destination destination = subscriptions.destination(id, caller);
        String eventId = UUID.randomUUID().toString();
        Instant now = Instant.now();
        ObjectNode event = json.createObjectNode().put("specversion", "1.0").put("id", eventId)
                .put("source", "/webhook-service").put("type", "webhook.test")
                .put("time", now.truncatedTo(ChronoUnit.MILLIS).toString()).put("subject", id.toString())
                .put("datacontenttype", "application/json");
        event.putObject("data").put("webhookId", id.toString()).put("message", "a test delivery, sent on request");
        String body = event.toString();
        Map<String, String> signed = headers.of(eventId, now.getEpochSecond(), body, destination.secretSealed(),
                destination.previousSecretSealed());
        long started = System.nanoTime();
        return sender.post(destination.url(), signed, body).thenApply(answer -> new TestDelivery(eventId,
                answer.status() != null && answer.status() >= 200 && answer.status() < 300, answer.status(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), answer.excerpt(), answer.error()));
    }
}
