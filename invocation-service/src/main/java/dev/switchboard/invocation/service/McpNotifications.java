package dev.switchboard.invocation.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.invocation.config.InvocationConfig;
import dev.switchboard.invocation.repository.SessionSignalRepository.Kind;
import dev.switchboard.invocation.repository.SessionSignalRepository.Signal;
import dev.switchboard.model.server.ServerDefinition;
import dev.switchboard.platform.security.Caller;
import dev.switchboard.platform.security.ToolPatterns;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * The open notification streams of MCP clients on this replica, and what they are told: when a server they may see
 * connects, goes away or changes what it offers, or its tenant enables or disables global servers, each stream gets
 * the {@code list_changed} notifications, and the client lists again. Every replica holds connections to every
 * server, so every replica sees every change.
 *
 * <p>A session that set a level with {@code logging/setLevel} also gets the log messages, at or above that level, of
 * every server whose whole offer its key may use (a server's log may speak of any of its tools), named by the
 * server in {@code logger}. The level reaches every replica as a {@link SessionSignals signal}, so the session's
 * stream gets logs on whichever replica holds it.
 *
 * <p>In the stateless revision, logs belong to a request: a call that names a level in its {@code _meta} gets the
 * logs of the server it calls, at or above that level, on its own response stream while it runs, and nothing else
 * does ({@link #logsOfCall}).
 */
@ApplicationScoped
public class McpNotifications {

    /** A server's catalog changed, or the server came or went. */
    public record CatalogChange(ServerDefinition server) {
    }

    /** A tenant's settings changed, and with them which global servers its keys see. */
    public record ViewChange(String tenantId) {
    }

    /** A server sent a log message: the {@code params} of its {@code notifications/message}. */
    public record ServerLog(ServerDefinition server, JsonNode message) {
    }

    private static final List<String> LIST_CHANGED = List.of("notifications/tools/list_changed",
            "notifications/prompts/list_changed", "notifications/resources/list_changed");

    private record Listener(Caller caller, String session, Consumer<ObjectNode> sink) {
    }

    private record LevelChoice(LogLevel level, Instant until) {
    }

    private record CallLogs(Caller caller, String toolName, LogLevel level, Consumer<ObjectNode> sink) {
    }

    private static final Logger LOG = Logger.getLogger(McpNotifications.class);

    private final ServerDirectory directory;
    private final ObjectMapper json;
    private final SessionSignals signals;
    private final Duration sessionTtl;
    private final Set<Listener> listeners = ConcurrentHashMap.newKeySet();
    private final Set<CallLogs> callLogs = ConcurrentHashMap.newKeySet();
    /** Log levels by session fingerprint, whichever replica took {@code logging/setLevel}. */
    private final Map<String, LevelChoice> levels = new ConcurrentHashMap<>();

    public McpNotifications(ServerDirectory directory, ObjectMapper json, SessionSignals signals, InvocationConfig config) {
        this.directory = directory;
        this.json = json;
        this.signals = signals;
        this.sessionTtl = config.mcp().sessionTtl();
    }

    /** @return what ends the subscription */
    public Runnable listen(Caller caller, String sessionId, Consumer<ObjectNode> sink) {
        Listener listener = new Listener(caller, SessionSignals.fingerprint(sessionId), sink);
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /**
     * The logs of the server whose tool {@code toolName} ({@code <server>__<tool>}) is called, at {@code level} and
     * above, for that call while it runs, if the caller may read that server's logs.
     *
     * @return what ends them, when the call has its answer
     */
    public Runnable logsOfCall(Caller caller, String toolName, LogLevel level, Consumer<ObjectNode> sink) {
        CallLogs call = new CallLogs(caller, toolName, level, sink);
        callLogs.add(call);
        return () -> callLogs.remove(call);
    }

    /** From now on the session gets server logs at {@code level} and above, on every replica. */
    public void logLevel(String sessionId, LogLevel level) {
        Signal signal = new Signal(SessionSignals.fingerprint(sessionId), Kind.LEVEL, level.wire(),
                Instant.now().plus(sessionTtl));
        chosen(signal.session(), level, signal.expiresAt());
        signals.send(signal);
    }

    /** A stream that was never a Streamable HTTP session (legacy SSE) closed: it gets no more logs. */
    public void forget(String sessionId) {
        levels.remove(SessionSignals.fingerprint(sessionId));
    }

    void signalled(@Observes Signal signal) {
        switch (signal.kind()) {
            case LEVEL -> LogLevel.parse(signal.value()).ifPresent(level -> chosen(signal.session(), level, signal.expiresAt()));
            case ENDED -> levels.remove(signal.session());
            case CANCELLED -> {
            }
        }
    }

    private void chosen(String session, LogLevel level, Instant until) {
        Instant now = Instant.now();
        levels.values().removeIf(choice -> choice.until().isBefore(now));
        levels.put(session, new LevelChoice(level, until));
    }

    void logged(@Observes ServerLog log) {
        Optional<LogLevel> level = LogLevel.parse(log.message().path("level").asText(null));
        if (level.isEmpty()) {
            LOG.debugf("[%s] a log message without a known level: %s", log.server().name(), log.message());
            return;
        }
        List<Consumer<ObjectNode>> sinks = new ArrayList<>();
        for (Listener listener : listeners) {
            LevelChoice wanted = levels.get(listener.session());
            if (wanted != null && level.get().atLeast(wanted.level()) && mayReadLogsOf(log.server(), listener.caller())) {
                sinks.add(listener.sink());
            }
        }
        for (CallLogs call : callLogs) {
            if (call.toolName().startsWith(log.server().name() + ToolCatalog.SEPARATOR) && level.get().atLeast(call.level())
                    && mayReadLogsOf(log.server(), call.caller())) {
                sinks.add(call.sink());
            }
        }
        if (!sinks.isEmpty()) {
            ObjectNode notification = logNotification(log, level.get());
            sinks.forEach(sink -> sink.accept(notification));
        }
    }

    private boolean mayReadLogsOf(ServerDefinition server, Caller caller) {
        return directory.visibleTo(server, caller)
                && ToolPatterns.covers(caller.toolPatterns(), List.of(server.name() + "/*"));
    }

    private ObjectNode logNotification(ServerLog log, LogLevel level) {
        ObjectNode notification = json.createObjectNode().put("jsonrpc", "2.0").put("method", "notifications/message");
        ObjectNode params = notification.putObject("params").put("level", level.wire());
        String logger = log.message().path("logger").asText("");
        params.put("logger", logger.isEmpty() ? log.server().name() : log.server().name() + "/" + logger);
        params.set("data", log.message().path("data").isMissingNode() ? json.nullNode() : log.message().get("data"));
        return notification;
    }

    void changed(@Observes CatalogChange change) {
        listeners.stream().filter(listener -> directory.visibleTo(change.server(), listener.caller())).forEach(this::tell);
    }

    void viewChanged(@Observes ViewChange change) {
        listeners.stream().filter(listener -> change.tenantId().equals(listener.caller().tenantId())).forEach(this::tell);
    }

    private void tell(Listener listener) {
        LIST_CHANGED.forEach(method -> listener.sink().accept(json.createObjectNode().put("jsonrpc", "2.0").put("method", method)));
    }
}
