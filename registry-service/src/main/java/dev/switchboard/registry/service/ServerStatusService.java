package dev.switchboard.registry.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.model.event.CatalogChanged;
import dev.switchboard.model.event.EventEnvelope;
import dev.switchboard.model.event.EventType;
import dev.switchboard.model.event.ServerConnected;
import dev.switchboard.model.event.ServerError;
import dev.switchboard.platform.events.MalformedEventException;
import dev.switchboard.registry.repository.ServerStatusEntity;
import dev.switchboard.registry.repository.ServerStatusRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Locale;

/**
 * Keeps each server's status as the invocation service reports it. Events may arrive more than once or, across
 * partitions after a rebalance, late: a redelivered event changes nothing, and an event older than the stored status
 * is ignored.
 */
@ApplicationScoped
public class ServerStatusService {

    private final ServerStatusRepository repository;
    private final ObjectMapper json;

    public ServerStatusService(ServerStatusRepository repository, ObjectMapper json) {
        this.repository = repository;
        this.json = json;
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
        status.tenantId = event.tenantid();
        status.statusAt = event.time();
        status.lastEventId = event.id();
        switch (type) {
            case SERVER_CONNECTED -> {
                ServerConnected connected = data(event, ServerConnected.class);
                status.status = "connected";
                status.lastError = null;
                status.toolCount = orElse(connected.toolCount(), status.toolCount);
                status.promptCount = orElse(connected.promptCount(), status.promptCount);
                status.resourceCount = orElse(connected.resourceCount(), status.resourceCount);
            }
            case SERVER_DISCONNECTED -> status.status = "disconnected";
            case SERVER_ERROR -> {
                status.status = "error";
                status.lastError = data(event, ServerError.class).error();
            }
            case CATALOG_CHANGED -> {
                List<CatalogChanged.Tool> tools = data(event, CatalogChanged.class).tools();
                if (tools != null) {
                    status.tools = json.valueToTree(tools).toString();
                    status.toolCount = tools.size();
                }
            }
            default -> throw new IllegalArgumentException(type.typeName().toLowerCase(Locale.ROOT) + " is not a connection event");
        }
        repository.persist(status);
    }

    /** The event's data as its record; an event without data reads as a record of absent fields. */
    private <T> T data(EventEnvelope event, Class<T> type) {
        try {
            return json.treeToValue(event.data() == null || event.data().isNull() ? json.createObjectNode() : event.data(), type);
        } catch (JsonProcessingException e) {
            throw new MalformedEventException(event.type() + " data does not fit " + type.getSimpleName() + ": "
                    + e.getOriginalMessage());
        }
    }

    private static int orElse(Integer count, int fallback) {
        return count == null ? fallback : count;
    }
}
