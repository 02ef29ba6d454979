package dev.switchboard.model.transport;

import com.fasterxml.jackson.annotation.JsonIgnore;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.Map;

/** MCP over a WebSocket, one JSON-RPC message per text frame, with reconnect and heartbeat settings. */
public record WebSocketTransport(
        @NotBlank @Pattern(regexp = HttpUrls.WS_PATTERN, message = HttpUrls.WS_MESSAGE) String url,
        Map<@NotBlank String, @NotNull String> headers,
        @Valid ReconnectPolicy reconnect,
        @Valid HeartbeatPolicy heartbeat) implements TransportConfig {

    public static final String TYPE = "websocket";

    public WebSocketTransport {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        reconnect = reconnect == null ? ReconnectPolicy.DEFAULT : reconnect;
        heartbeat = heartbeat == null ? HeartbeatPolicy.DEFAULT : heartbeat;
    }

    @Override
    @JsonIgnore
    public String type() {
        return TYPE;
    }
}
