package dev.switchboard.registry.messaging;

import dev.switchboard.platform.events.IncomingEvents;
import dev.switchboard.registry.service.ServerStatusService;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Turns the invocation service's connection events into each server's {@code status} and {@code toolCount}. */
@ApplicationScoped
public class ConnectionEventConsumer {

    static final String CONSUMER_NAME = "registry-service";

    private final IncomingEvents incoming;
    private final ServerStatusService statuses;

    public ConnectionEventConsumer(IncomingEvents incoming, ServerStatusService statuses) {
        this.incoming = incoming;
        this.statuses = statuses;
    }

    @Incoming("connections")
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        incoming.readOrPark(record, CONSUMER_NAME).ifPresent(statuses::apply);
    }
}
