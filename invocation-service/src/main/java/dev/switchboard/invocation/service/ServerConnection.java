package dev.switchboard.invocation.service;

import dev.switchboard.invocation.mcp.Catalog;
import dev.switchboard.invocation.mcp.UpstreamSession;
import dev.switchboard.model.server.ServerDefinition;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The connection state of one server. Its state, session, wish and failure count change only under its own lock, in
 * {@link ConnectionManager}; the fields are volatile so that status reads need no lock.
 */
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
    /** Set while an attempt to connect waits for a worker, so that the supervisor queues at most one. */
    final AtomicBoolean attemptQueued = new AtomicBoolean();

    ServerConnection(ServerDefinition server) {
        this.server = server;
    }
}
