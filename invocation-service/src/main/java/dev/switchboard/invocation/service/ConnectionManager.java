package dev.switchboard.invocation.service;

import dev.switchboard.invocation.api.ConnectionStatus;
import dev.switchboard.invocation.api.HealthReport;
import dev.switchboard.invocation.config.InvocationConfig;
import dev.switchboard.invocation.mcp.Catalog;
import dev.switchboard.invocation.mcp.UpstreamFailure;
import dev.switchboard.invocation.mcp.UpstreamSession;
import dev.switchboard.invocation.mcp.UpstreamTransports;
import dev.switchboard.model.api.ErrorCode;
import dev.switchboard.model.server.ServerDefinition;
import dev.switchboard.model.transport.ReconnectPolicy;
import dev.switchboard.model.transport.WebSocketTransport;
import dev.switchboard.platform.error.ApiException;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Keeps every enabled server connected. A supervisor pass, once a second, queues the connections that should be up
 * and are due, notices connections that were lost, and runs the health checks that each server's
 * {@code healthCheck} asks for. A failed connection is retried with exponential backoff (a WebSocket server's own
 * reconnect policy, the configured one for the others); a call is never retried.
 *
 * <p>Each connection has one owner of its state: its own lock. Every change of state, session or wish happens under
 * it, and an attempt to connect checks under it that no session is open, so that concurrent connects, disconnects,
 * health failures and registry updates never leave two sessions (or two processes) for one server.
 */
@ApplicationScoped
public class ConnectionManager {

    private static final Logger LOG = Logger.getLogger(ConnectionManager.class);

    private final Map<UUID, ServerConnection> connections = new ConcurrentHashMap<>();
    private final UpstreamTransports transports;
    private final ConnectionEvents events;
    private final InvocationConfig.Upstream config;
    private final ExecutorService workers;

    public ConnectionManager(UpstreamTransports transports, ConnectionEvents events, InvocationConfig config) {
        this.transports = transports;
        this.events = events;
        this.config = config.upstream();
        // Connections keep closing while the service stops (stdio children end after it asked them to); what they
        // would queue then has nothing left to do, so it is dropped rather than refused with an exception.
        this.workers = new ThreadPoolExecutor(this.config.workers(), this.config.workers(), 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), daemonThreads(), new ThreadPoolExecutor.DiscardPolicy());
    }

    /** A new or changed configuration: connect it if enabled, reconnect it if how to reach it changed. */
    public void apply(ServerDefinition server) {
        ServerConnection connection = connections.computeIfAbsent(server.id(), id -> new ServerConnection(server));
        synchronized (connection) {
            ServerDefinition before = connection.server;
            connection.server = server;
            boolean reachedDifferently = !Objects.equals(before.transport(), server.transport())
                    || !Objects.equals(before.auth(), server.auth());
            if (!server.enabled()) {
                connection.wanted = false;
                close(connection, "disabled");
                return;
            }
            if (reachedDifferently) {
                close(connection, "configuration changed");
            }
            if (!connection.wanted || reachedDifferently) {
                connection.wanted = true;
                connection.failures = 0;
                connection.nextAttemptAt = Instant.MIN;
            }
        }
    }

    /** The server is gone: disconnect it and forget it. */
    public void forget(UUID serverId) {
        ServerConnection connection = connections.remove(serverId);
        if (connection != null) {
            synchronized (connection) {
                connection.wanted = false;
                close(connection, "deleted");
            }
        }
    }

    /** Forgets every server not in {@code current}. */
    public void retainOnly(Collection<UUID> current) {
        List.copyOf(connections.keySet()).stream().filter(id -> !current.contains(id)).forEach(this::forget);
    }

    /** Connects now, on the caller's thread, and says how it went; a disabled server stays disconnected (409). */
    public ConnectionStatus connect(UUID serverId) {
        ServerConnection connection = known(serverId);
        synchronized (connection) {
            if (!connection.server.enabled()) {
                throw ApiException.conflict("server " + connection.server.name() + " is disabled; enable it at the"
                        + " registry before connecting it");
            }
            connection.wanted = true;
            if (connection.session == null) {
                open(connection);
            }
            return status(connection);
        }
    }

    /** Disconnects and stays disconnected until connected again or reconfigured. */
    public ConnectionStatus disconnect(UUID serverId) {
        ServerConnection connection = known(serverId);
        synchronized (connection) {
            connection.wanted = false;
            close(connection, "disconnected on request");
            return status(connection);
        }
    }

    public ConnectionStatus status(UUID serverId) {
        return status(known(serverId));
    }

    public List<ConnectionStatus> statuses() {
        return connections.values().stream().map(this::status).toList();
    }

    /** The live session of a connected server, or a 503 {@code SERVER_DISCONNECTED}. */
    public UpstreamSession session(UUID serverId) {
        ServerConnection connection = known(serverId);
        UpstreamSession session = connection.session;
        if (session == null || connection.state != ServerConnection.State.CONNECTED) {
            throw new ApiException(ErrorCode.SERVER_DISCONNECTED, "server " + connection.server.name() + " is not connected");
        }
        return session;
    }

    public Optional<UpstreamSession> sessionIfConnected(UUID serverId) {
        ServerConnection connection = connections.get(serverId);
        return connection == null || connection.state != ServerConnection.State.CONNECTED
                ? Optional.empty() : Optional.ofNullable(connection.session);
    }

    /** What a server offers now, or offered when last connected; empty for a server never connected. */
    public Catalog knownCatalog(UUID serverId) {
        ServerConnection connection = connections.get(serverId);
        return connection == null ? Catalog.EMPTY : connection.lastCatalog;
    }

    /** Pings a connected server now. */
    public HealthReport check(UUID serverId) {
        ServerConnection connection = known(serverId);
        UpstreamSession session = connection.session;
        if (session == null || connection.state != ServerConnection.State.CONNECTED) {
            return new HealthReport(serverId, false, null, 0, connection.lastCheckAt,
                    connection.lastError == null ? "not connected" : connection.lastError);
        }
        ping(connection, session, Duration.ofMillis(connection.server.healthCheck().timeoutMs()));
        return new HealthReport(serverId, Boolean.TRUE.equals(connection.lastCheckHealthy), connection.lastResponseMs,
                session.catalog().tools().size(), connection.lastCheckAt,
                Boolean.TRUE.equals(connection.lastCheckHealthy) ? null : connection.lastError);
    }

    @Scheduled(every = "${switchboard.invocation.upstream.supervision-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void supervise() {
        Instant now = Instant.now();
        for (ServerConnection connection : connections.values()) {
            UpstreamSession session = connection.session;
            if (session != null) {
                watch(connection, session, now);
            } else if (connection.wanted && !now.isBefore(connection.nextAttemptAt)
                    && connection.attemptQueued.compareAndSet(false, true)) {
                workers.submit(() -> attempt(connection));
            }
        }
    }

    /** A queued attempt: whatever happened since it was queued, it connects only a server that still wants it. */
    private void attempt(ServerConnection connection) {
        try {
            synchronized (connection) {
                if (connection.wanted && connection.session == null && !Instant.now().isBefore(connection.nextAttemptAt)) {
                    open(connection);
                }
            }
        } finally {
            connection.attemptQueued.set(false);
        }
    }

    void stopAll(@Observes ShutdownEvent shutdown) {
        connections.values().forEach(connection -> {
            synchronized (connection) {
                connection.wanted = false;
                close(connection, "service stopping");
            }
        });
        workers.shutdownNow();
    }

    private void watch(ServerConnection connection, UpstreamSession session, Instant now) {
        if (!session.transport().alive()) {
            workers.submit(() -> fail(connection, session, session.transport().lossReason()));
            return;
        }
        var check = connection.server.healthCheck();
        Instant last = connection.lastCheckAt == null ? session.openedAt() : connection.lastCheckAt;
        if (check.enabled() && !now.isBefore(last.plusMillis(check.intervalMs()))) {
            connection.lastCheckAt = now;
            workers.submit(() -> ping(connection, session, Duration.ofMillis(check.timeoutMs())));
        }
    }

    private void ping(ServerConnection connection, UpstreamSession session, Duration timeout) {
        long started = System.nanoTime();
        try {
            session.ping(timeout);
            connection.lastResponseMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            connection.lastCheckHealthy = true;
            connection.lastCheckAt = Instant.now();
        } catch (RuntimeException e) {
            connection.lastCheckHealthy = false;
            connection.lastCheckAt = Instant.now();
            fail(connection, session, "health check failed: " + (e instanceof UpstreamFailure failure
                    && failure.kind() == UpstreamFailure.Kind.TIMEOUT ? "no answer within " + timeout.toMillis() + " ms"
                    : UpstreamFailures.describe(e)));
        }
    }

    /** Called under the connection's lock, with no session open. */
    private void open(ServerConnection connection) {
        ServerDefinition server = connection.server;
        connection.state = ServerConnection.State.CONNECTING;
        try {
            UpstreamSession session = transports.open(server, catalog -> {
                connection.lastCatalog = catalog;
                events.catalogChanged(connection.server, catalog);
            });
            connection.session = session;
            connection.state = ServerConnection.State.CONNECTED;
            session.onLost(reason -> workers.submit(() -> fail(connection, session, session.transport().lossReason())));
            session.onLog(message -> events.logged(server, message));
            connection.lastError = null;
            connection.failures = 0;
            connection.lastCheckAt = null;
            Catalog catalog = session.catalog();
            connection.lastCatalog = catalog;
            LOG.infof("Connected to %s (%s, protocol %s): %d tools, %d prompts, %d resources", server.name(),
                    server.transport().type(), session.protocolVersion(), catalog.tools().size(),
                    catalog.prompts().size(), catalog.resources().size());
            events.connected(server, catalog, session.protocolVersion());
        } catch (RuntimeException e) {
            markFailed(connection, UpstreamFailures.describe(e));
        }
    }

    private void fail(ServerConnection connection, UpstreamSession session, String error) {
        synchronized (connection) {
            if (connection.session != session) {
                return;
            }
            connection.session = null;
            session.abandon();
            markFailed(connection, error);
        }
    }

    private void markFailed(ServerConnection connection, String error) {
        connection.state = ServerConnection.State.ERROR;
        connection.lastError = error;
        connection.failures++;
        ReconnectPolicy policy = connection.server.transport() instanceof WebSocketTransport webSocket ? webSocket.reconnect()
                : new ReconnectPolicy(true, 0, config.initialReconnectDelay().toMillis(), config.maxReconnectDelay().toMillis(), 2.0);
        if (policy.triesAgainAfter(connection.failures)) {
            long delay = policy.delayAfter(connection.failures);
            connection.nextAttemptAt = Instant.now().plusMillis(delay);
            LOG.warnf("Server %s failed (%s); next attempt in %d ms", connection.server.name(), error, delay);
        } else {
            connection.wanted = false;
            LOG.warnf("Server %s failed (%s); not reconnecting after %d attempts", connection.server.name(), error,
                    connection.failures);
        }
        events.error(connection.server, error);
    }

    /** Called under the connection's lock. */
    private void close(ServerConnection connection, String reason) {
        UpstreamSession session = connection.session;
        connection.session = null;
        boolean wasConnected = connection.state == ServerConnection.State.CONNECTED;
        connection.state = ServerConnection.State.DISCONNECTED;
        if (session != null) {
            session.close();
        }
        if (wasConnected) {
            LOG.infof("Disconnected from %s: %s", connection.server.name(), reason);
            events.disconnected(connection.server, reason);
        }
    }

    private ConnectionStatus status(ServerConnection connection) {
        ServerDefinition server = connection.server;
        UpstreamSession session = connection.session;
        Catalog catalog = session == null ? Catalog.EMPTY : session.catalog();
        return new ConnectionStatus(server.id(), server.name(), server.transport().type(),
                connection.state.name().toLowerCase(Locale.ROOT), session == null ? null : session.openedAt(),
                session == null ? null : session.protocolVersion(), catalog.tools().size(), catalog.prompts().size(),
                catalog.resources().size(), connection.lastError,
                connection.wanted && connection.state == ServerConnection.State.ERROR ? connection.nextAttemptAt : null);
    }

    private ServerConnection known(UUID serverId) {
        ServerConnection connection = connections.get(serverId);
        if (connection == null) {
            throw ApiException.notFound("server", serverId);
        }
        return connection;
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "upstream-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
