package dev.switchboard.model.event;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.UUID;

/**
 * The {@code data} of {@code circuit.opened} and {@code circuit.closed}: a server's breaker changed state.
 *
 * @param state {@code open} or {@code closed}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record CircuitChanged(UUID serverId, String name, String state) {

    public static final String OPEN = "open";
    public static final String CLOSED = "closed";
}
