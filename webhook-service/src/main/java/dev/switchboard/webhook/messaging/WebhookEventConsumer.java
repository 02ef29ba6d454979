package dev.switchboard.webhook.messaging;

import dev.switchboard.model.event.Topics;
import dev.switchboard.platform.events.ConsumerGuard;
import dev.switchboard.platform.events.ConsumerStoppedException;
import dev.switchboard.platform.events.IncomingEvents;
import dev.switchboard.webhook.service.DeliveryPlanner;
import dev.switchboard.webhook.service.DeliveryPlanner.Arrived;
import dev.switchboard.webhook.service.DeliveryWorker;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Every event of every topic but the webhooks' own (a webhook about a webhook delivery could loop), in batches; the batch's offsets are committed only after its deliveries are recorded.
 * When the batch as a whole is refused, its events are planned one by one so that only the one at fault is parked.
 */
@ApplicationScoped
public class WebhookEventConsumer {

    static final String CONSUMER_NAME = "webhook-service";

    private record Readable(ConsumerRecord<String, String> record, Arrived arrived) {
    }

    private final ConsumerGuard guard;
    private final IncomingEvents incoming;
    private final DeliveryPlanner planner;
    private final DeliveryWorker worker;

    public WebhookEventConsumer(ConsumerGuard guard, IncomingEvents incoming, DeliveryPlanner planner,
                                DeliveryWorker worker) {
        this.worker = worker;
        this.guard = guard;
        this.incoming = incoming;
        this.planner = planner;
    }

    @Incoming("webhook-events")
    @Blocking
    public void consume(ConsumerRecords<String, String> records) {
        List<Readable> readable = new ArrayList<>(records.count());
        for (ConsumerRecord<String, String> record : records) {
            if (Topics.WEBHOOKS.equals(record.topic())) {
                continue;
            }
            guard.retrying(CONSUMER_NAME, () -> incoming.readOrPark(record, CONSUMER_NAME))
                    .ifPresent(event -> readable.add(new Readable(record, new Arrived(event, record.value()))));
        }
        int planned;
        try {
            planned = guard.retrying(CONSUMER_NAME, () -> planner.plan(readable.stream().map(Readable::arrived).toList()));
        } catch (ConsumerStoppedException stop) {
            throw stop;
        } catch (RuntimeException refused) {
            planned = readable.stream().mapToInt(this::planAlone).sum();
        }
        // What was just planned is sent now, not at the next poll; other replicas find it when they poll. Most
        // batches match no subscription, and then there is nothing to look for.
        if (planned > 0) {
            worker.wake();
        }
    }

    /** @return how many deliveries the event got; none when it is parked */
    private int planAlone(Readable one) {
        try {
            return guard.retrying(CONSUMER_NAME, () -> planner.plan(List.of(one.arrived())));
        } catch (ConsumerStoppedException stop) {
            throw stop;
        } catch (RuntimeException failed) {
            guard.park(one.record(), CONSUMER_NAME, "could not be processed", failed);
            return 0;
        }
    }
}
