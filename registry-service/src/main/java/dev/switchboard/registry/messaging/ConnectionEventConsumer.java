package dev.switchboard.registry.messaging;

import dev.switchboard.platform.events.ConsumerGuard;
import dev.switchboard.registry.service.ServerStatusService;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Turns the invocation service's connection events into each server's {@code status} and {@code toolCount}. */
@ApplicationScoped
public class ConnectionEventConsumer {

    static final String CONSUMER_NAME = "registry-service";

    private final ConsumerGuard guard;
    private final ServerStatusService statuses;

    public ConnectionEventConsumer(ConsumerGuard guard, ServerStatusService statuses) {
        this.guard = guard;
        this.statuses = statuses;
    }

    @Incoming("connections")
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        guard.handle(record, CONSUMER_NAME, statuses::apply);
    }
}
