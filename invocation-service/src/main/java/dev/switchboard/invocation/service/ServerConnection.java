package dev.switchboard.invocation.service;

import dev.switchboard.invocation.mcp.Catalog;
import dev.switchboard.invocation.mcp.UpstreamSession;
import dev.switchboard.model.server.ServerDefinition;
import java.time.Instant;

/** The connection state of one server; changed only under its own lock, by {@link ConnectionManager}. */
final class ServerConnection {

    enum State { DISCONNECTED, CONNECTING, CONNECTED, ERROR }

    volatile ServerDefinition server;
    volatile UpstreamSession session;
    /** What the server offered when last connected, so that its tools stay known, and answer 503, while it is away. */
    volatile Catalog lastCatalog = Catalog.EMPTY;
    volatile State state = State.DISCONNECTED;
    volatile String lastError;
    /** Whether it should be connected: enabled, and not disconnected by hand since. */
    volatile boolean wanted;
    volatile int failures;
    volatile Instant nextAttemptAt = Instant.MIN;
    volatile Instant lastCheckAt;
    volatile Long lastResponseMs;
    volatile Boolean lastCheckHealthy;

    ServerConnection(ServerDefinition server) {
        this.server = server;
    }
}
