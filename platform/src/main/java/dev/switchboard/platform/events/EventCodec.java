package dev.switchboard.platform.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.model.event.EventEnvelope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.Set;
import java.util.stream.Collectors;

/** Reads and writes the CloudEvents envelope as structured JSON with the application's ObjectMapper. */
@ApplicationScoped
public class EventCodec {

    private final ObjectMapper mapper;
    private final Validator validator;

    public EventCodec(ObjectMapper mapper, Validator validator) {
        this.mapper = mapper;
        this.validator = validator;
    }

    public String write(EventEnvelope event) {
        try {
            return mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Event " + event.id() + " cannot be written as JSON", e);
        }
    }

    /**
     * Reads one record's value.
     *
     * @throws MalformedEventException when the value is not JSON or not a valid CloudEvent
     */
    public EventEnvelope read(String value) {
        if (value == null) {
            throw new MalformedEventException("the record has no value");
        }
        EventEnvelope event;
        try {
            event = mapper.readValue(value, EventEnvelope.class);
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("not a CloudEvents JSON object: " + e.getOriginalMessage());
        }
        Set<ConstraintViolation<EventEnvelope>> violations = validator.validate(event);
        if (!violations.isEmpty()) {
            throw new MalformedEventException("not a valid CloudEvent: " + violations.stream()
                    .map(violation -> violation.getPropertyPath() + " " + violation.getMessage())
                    .sorted().collect(Collectors.joining(", ")));
        }
        if (!EventEnvelope.SPEC_VERSION.equals(event.specversion())) {
            throw new MalformedEventException("unsupported specversion " + event.specversion());
        }
        return event;
    }
}
