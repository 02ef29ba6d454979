package dev.switchboard.registry;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.model.event.EventEnvelope;
import dev.switchboard.model.event.EventType;
import dev.switchboard.platform.events.EventPublisher;
import dev.switchboard.registry.repository.ServerStatusRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/** Publishes what the invocation service would report about a server, over the real broker, and waits until it is stored. */
@ApplicationScoped
public class ConnectionReports {

    private final EventPublisher publisher;
    private final ServerStatusRepository statuses;
    private final ObjectMapper json;

    public ConnectionReports(EventPublisher publisher, ServerStatusRepository statuses, ObjectMapper json) {
        this.publisher = publisher;
        this.statuses = statuses;
        this.json = json;
    }

    public EventEnvelope event(EventType type, String serverId, String tenantId, String data, Instant time) throws Exception {
        EventEnvelope fresh = EventEnvelope.of("/invocation-service", type, serverId, tenantId, null, json.readTree(data));
        return new EventEnvelope(fresh.specversion(), fresh.id(), fresh.source(), fresh.type(), time, fresh.subject(),
                fresh.datacontenttype(), fresh.tenantid(), fresh.actorid(), fresh.data());
    }

    public void publish(EventEnvelope event) throws Exception {
        publisher.publish(event).toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    /** Publishes and waits until the registry has applied this very event. */
    public void report(EventType type, String serverId, String tenantId, String data) throws Exception {
        EventEnvelope event = event(type, serverId, tenantId, data, Instant.now());
        publish(event);
        awaitApplied(serverId, event.id());
    }

    public void awaitApplied(String serverId, String eventId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew().call(
                () -> statuses.findByIdOptional(serverId).map(status -> eventId.equals(status.lastEventId)).orElse(false)));
    }
}
