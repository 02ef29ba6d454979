package dev.switchboard.model.event;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The {@code data} of {@code server.connected}: the invocation service finished the handshake and the first discovery.
 * Counts are boxed so that a consumer tells an absent one from zero.
 *
 * @param protocolVersion the MCP revision the server and Switchboard agreed on
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ServerConnected(String name, Integer toolCount, Integer promptCount, Integer resourceCount,
                              String protocolVersion) {
}
