package dev.switchboard.invocation.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.invocation.repository.DirectoryEntryEntity;
import dev.switchboard.invocation.repository.ServerDirectoryRepository;
import dev.switchboard.model.event.EventEnvelope;
import dev.switchboard.model.event.EventType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Set;

/**
 * Follows the registry's server events into the local directory. A redelivered or late event (older than what is
 * stored) changes nothing.
 */
@ApplicationScoped
public class ServerDirectoryService {

    private static final Set<EventType> SERVER_EVENTS = Set.of(EventType.SERVER_CREATED, EventType.SERVER_UPDATED,
            EventType.SERVER_DELETED, EventType.SERVER_RESTORED, EventType.SERVER_ENABLED, EventType.SERVER_DISABLED);

    private final ServerDirectoryRepository repository;

    public ServerDirectoryService(ServerDirectoryRepository repository) {
        this.repository = repository;
    }

    @Transactional
    public void apply(EventEnvelope event) {
        EventType type = event.knownType().orElseThrow();
        if (!SERVER_EVENTS.contains(type) || event.subject() == null) {
            return;
        }
        DirectoryEntryEntity entry = repository.findByIdOptional(event.subject()).orElseGet(() -> {
            DirectoryEntryEntity created = new DirectoryEntryEntity();
            created.serverId = event.subject();
            created.enabled = true;
            return created;
        });
        if (entry.changedAt != null && event.time().isBefore(entry.changedAt)) {
            return;
        }
        JsonNode data = event.data();
        entry.tenantId = event.tenantid();
        if (data != null && data.hasNonNull("name")) {
            entry.name = data.get("name").asText();
        } else if (entry.name == null) {
            entry.name = event.subject();
        }
        if (data != null && data.has("enabled")) {
            entry.enabled = data.get("enabled").asBoolean();
        }
        switch (type) {
            case SERVER_DELETED -> entry.deleted = true;
            case SERVER_RESTORED -> entry.deleted = false;
            case SERVER_ENABLED -> entry.enabled = true;
            case SERVER_DISABLED -> entry.enabled = false;
            default -> {
                // created and updated carry their state in data
            }
        }
        entry.changedAt = event.time();
        entry.lastEventId = event.id();
        repository.persist(entry);
    }
}
