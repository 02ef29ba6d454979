package dev.switchboard.invocation.service;

import dev.switchboard.model.event.EventEnvelope;
import dev.switchboard.platform.events.EventPublisher;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Publishes events beside the work they describe: never blocking it and never failing it. The producer buffers
 * while the broker is away; what it finally cannot send is logged.
 */
@ApplicationScoped
public class EventsOffThePath {

    static final String SOURCE = "/invocation-service";
    private static final Logger LOG = Logger.getLogger(EventsOffThePath.class);

    private final EventPublisher publisher;

    public EventsOffThePath(EventPublisher publisher) {
        this.publisher = publisher;
    }

    public void publish(EventEnvelope event) {
        try {
            publisher.publish(event).whenComplete((sent, failure) -> {
                if (failure != null) {
                    LOG.warnf("Could not publish %s about %s: %s", event.type(), event.subject(), failure.getMessage());
                }
            });
        } catch (RuntimeException e) {
            LOG.warnf("Could not publish %s about %s: %s", event.type(), event.subject(), e.getMessage());
        }
    }
}
