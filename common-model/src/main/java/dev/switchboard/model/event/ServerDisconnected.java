package dev.switchboard.model.event;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/** The {@code data} of {@code server.disconnected}: the connection ended on purpose (stopped, removed, disabled). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ServerDisconnected(String name, String reason) {
}
