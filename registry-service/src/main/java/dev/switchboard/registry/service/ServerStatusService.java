package dev.switchboard.registry.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.model.event.EventEnvelope;
import dev.switchboard.model.event.EventType;
import dev.switchboard.registry.repository.ServerStatusEntity;
import dev.switchboard.registry.repository.ServerStatusRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Locale;

/**
 * Keeps each server's status as the invocation service reports it. Events may arrive more than once or, across
 * partitions after a rebalance, late: a redelivered event changes nothing, and an event older than the stored status
 * is ignored.
 */
@ApplicationScoped
public class ServerStatusService {

    private final ServerStatusRepository repository;

    public ServerStatusService(ServerStatusRepository repository) {
        this.repository = repository;
    }

    @Transactional
    public void apply(EventEnvelope event) {
        EventType type = event.knownType().orElseThrow();
        if (type.equals(EventType.CIRCUIT_OPENED) || type.equals(EventType.CIRCUIT_CLOSED) || event.subject() == null) {
            return;
        }
        ServerStatusEntity status = repository.findByIdOptional(event.subject()).orElseGet(() -> {
            ServerStatusEntity created = new ServerStatusEntity();
            created.serverId = event.subject();
            created.status = "unknown";
            return created;
        });
        if (status.statusAt != null && event.time().isBefore(status.statusAt)) {
            return;
        }
        JsonNode data = event.data();
        status.tenantId = event.tenantid();
        status.statusAt = event.time();
        status.lastEventId = event.id();
        switch (type) {
            case SERVER_CONNECTED -> {
                status.status = "connected";
                status.lastError = null;
                status.toolCount = count(data, "toolCount", status.toolCount);
                status.promptCount = count(data, "promptCount", status.promptCount);
                status.resourceCount = count(data, "resourceCount", status.resourceCount);
            }
            case SERVER_DISCONNECTED -> status.status = "disconnected";
            case SERVER_ERROR -> {
                status.status = "error";
                status.lastError = data != null && data.hasNonNull("error") ? data.get("error").asText() : null;
            }
            case CATALOG_CHANGED -> {
                if (data != null && data.has("tools")) {
                    status.tools = data.get("tools").toString();
                    status.toolCount = data.get("tools").size();
                }
            }
            default -> throw new IllegalArgumentException(type.typeName().toLowerCase(Locale.ROOT) + " is not a connection event");
        }
        repository.persist(status);
    }

    private static int count(JsonNode data, String field, int fallback) {
        return data != null && data.has(field) && data.get(field).canConvertToInt() ? data.get(field).asInt() : fallback;
    }
}
