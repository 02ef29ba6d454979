package dev.switchboard.model.transport;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * How Switchboard reaches an MCP server. The JSON form carries a {@code type} discriminator:
 * {@code stdio}, {@code sse} (legacy HTTP+SSE), {@code http} (Streamable HTTP) or {@code websocket}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = StdioTransport.class, name = StdioTransport.TYPE),
        @JsonSubTypes.Type(value = SseTransport.class, name = SseTransport.TYPE),
        @JsonSubTypes.Type(value = StreamableHttpTransport.class, name = StreamableHttpTransport.TYPE),
        @JsonSubTypes.Type(value = WebSocketTransport.class, name = WebSocketTransport.TYPE)
})
public sealed interface TransportConfig
        permits StdioTransport, SseTransport, StreamableHttpTransport, WebSocketTransport {

    /** The discriminator value, as it appears in JSON. */
    String type();
}
