package dev.switchboard.webhook.messaging;

import dev.switchboard.platform.events.ConsumerGuard;
import dev.switchboard.webhook.service.DeliveryPlanner;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Every event of every topic; its offset is committed only after its deliveries are recorded. */
@ApplicationScoped
public class WebhookEventConsumer {

    static final String CONSUMER_NAME = "webhook-service";

    private final ConsumerGuard guard;
    private final DeliveryPlanner planner;

    public WebhookEventConsumer(ConsumerGuard guard, DeliveryPlanner planner) {
        this.guard = guard;
        this.planner = planner;
    }

    @Incoming("webhook-events")
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        guard.handle(record, CONSUMER_NAME, event -> planner.plan(event, record.value()));
    }
}
