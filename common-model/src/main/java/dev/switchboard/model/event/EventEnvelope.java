package dev.switchboard.model.event;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

/**
 * A CloudEvents 1.0 event in structured JSON mode, the one envelope on every Switchboard topic (DESIGN §3).
 * The Kafka record key is {@link #subject()}, so that the events of one resource stay in order.
 *
 * @param tenantid the tenant the event belongs to; {@code null} for global resources
 * @param actorid  the API key id that caused it; {@code null} for the platform itself
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record EventEnvelope(
        @NotBlank String specversion,
        @NotBlank String id,
        @NotBlank String source,
        @NotBlank String type,
        @NotNull Instant time,
        String subject,
        String datacontenttype,
        String tenantid,
        String actorid,
        JsonNode data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE = "application/cloudevents+json";

    /** A new event with a random id, the current time truncated to milliseconds, and JSON data. */
    public static EventEnvelope of(String source, EventType type, String subject, String tenantId, String actorId,
                                   JsonNode data) {
        return new EventEnvelope(SPEC_VERSION, UUID.randomUUID().toString(), source, type.typeName(),
                Instant.now().truncatedTo(ChronoUnit.MILLIS), subject, "application/json", tenantId, actorId, data);
    }

    /** The known type of this event, if it is one; consumers must tolerate types added after they were built. */
    public Optional<EventType> knownType() {
        return EventType.fromTypeName(type);
    }
}
