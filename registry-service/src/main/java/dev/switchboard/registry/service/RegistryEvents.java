package dev.switchboard.registry.service;

import dev.switchboard.model.event.EventType;
import dev.switchboard.outbox.OutboxWriter;
import dev.switchboard.platform.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** Writes the registry's events to the outbox with the actor and tenant in the envelope. */
@ApplicationScoped
public class RegistryEvents {

    static final String SOURCE = "/registry-service";

    private final OutboxWriter outbox;

    public RegistryEvents(OutboxWriter outbox) {
        this.outbox = outbox;
    }

    /** @param data what the event says about the subject; never a secret */
    public void record(EventType type, UUID subject, UUID tenantId, Caller actor, Object data) {
        outbox.record(SOURCE, type, subject.toString(), tenantId == null ? null : tenantId.toString(), actor, data);
    }
}
