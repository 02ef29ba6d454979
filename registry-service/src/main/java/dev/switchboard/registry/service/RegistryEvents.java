package dev.switchboard.registry.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.model.event.EventEnvelope;
import dev.switchboard.model.event.EventType;
import dev.switchboard.platform.security.Caller;
import dev.switchboard.registry.outbox.OutboxWriter;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** Writes the registry's events to the outbox with the actor and tenant in the envelope. */
@ApplicationScoped
public class RegistryEvents {

    static final String SOURCE = "/registry-service";

    private final OutboxWriter outbox;
    private final ObjectMapper json;

    public RegistryEvents(OutboxWriter outbox, ObjectMapper json) {
        this.outbox = outbox;
        this.json = json;
    }

    /** @param data what the event says about the subject; never a secret */
    public void record(EventType type, UUID subject, UUID tenantId, Caller actor, Object data) {
        outbox.append(EventEnvelope.of(SOURCE, type, subject.toString(), tenantId == null ? null : tenantId.toString(),
                actor == null ? null : actor.keyId(), json.valueToTree(data)));
    }
}
