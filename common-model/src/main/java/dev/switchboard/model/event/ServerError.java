package dev.switchboard.model.event;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The {@code data} of {@code server.error}: a connection failed or was lost.
 *
 * @param error what failed, in Switchboard's words (never an upstream's or the JDK's raw text)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ServerError(String name, String error) {
}
