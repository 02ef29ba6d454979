package dev.switchboard.invocation.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.CompletableFuture;

/**
 * One way of exchanging JSON-RPC messages with an MCP server: a process's stdio, Streamable HTTP, legacy HTTP+SSE or
 * a WebSocket. Every address it connects to has passed the outbound URL policy at connect time, and no message it
 * takes in is larger than the configured limit.
 */
public interface UpstreamTransport {

    /** Where messages from the server go; called from the transport's own thread, so it must not block. */
    interface Inbound {

        void message(JsonNode message);

        /**
         * A message over the size limit arrived and was dropped; {@code id} is the request it answered, when its
         * beginning named one.
         */
        void oversized(Long id, long limit);

        /** The connection ended and will not deliver anything more. */
        void closed(String reason);
    }

    /** Connects, as far as the transport needs to before the first message; waits at most the connect timeout. */
    void start(Inbound inbound);

    /**
     * Sends one message. For a request, the answer comes through {@link Inbound#message}; the returned stage fails
     * when the message could not be delivered, which fails the request at once.
     */
    CompletableFuture<Void> send(ObjectNode message);

    /** Told once the handshake agreed on a protocol version, which HTTP transports then send with every request. */
    default void initialized(String protocolVersion) {
    }

    /** Whether the connection still stands, without a round trip. */
    boolean alive();

    /** Why the connection is gone, in words for operators; asked once {@link #alive()} is false. */
    String lossReason();

    /** Ends the connection politely: the server is told, a process gets a moment to exit. */
    void close();

    /** Ends a connection that stopped working, at once: no goodbye that a hung server would never answer. */
    void abandon();
}
