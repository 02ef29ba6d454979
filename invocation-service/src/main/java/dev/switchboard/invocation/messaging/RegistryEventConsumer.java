package dev.switchboard.invocation.messaging;

import dev.switchboard.invocation.service.ConfigurationSync;
import dev.switchboard.platform.events.ConsumerGuard;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Applies the registry's changes to this replica as they happen. */
@ApplicationScoped
public class RegistryEventConsumer {

    static final String CONSUMER_NAME = "invocation-service";

    private final ConsumerGuard guard;
    private final ConfigurationSync configuration;

    public RegistryEventConsumer(ConsumerGuard guard, ConfigurationSync configuration) {
        this.guard = guard;
        this.configuration = configuration;
    }

    @Incoming("registry")
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        guard.handle(record, CONSUMER_NAME, configuration::apply);
    }
}
