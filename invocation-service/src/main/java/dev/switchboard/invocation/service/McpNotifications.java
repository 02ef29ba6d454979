package dev.switchboard.invocation.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.invocation.config.InvocationConfig;
import dev.switchboard.model.server.ServerDefinition;
import dev.switchboard.platform.security.Caller;
import dev.switchboard.platform.security.ToolPatterns;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
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
 * server in {@code logger}. The level is held by the replica that took {@code logging/setLevel}, so the session's
 * stream gets logs when it is open on that replica.
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

    private record Listener(Caller caller, String sessionId, Consumer<ObjectNode> sink) {
    }

    private record LevelChoice(LogLevel level, Instant until) {
    }

    private static final Logger LOG = Logger.getLogger(McpNotifications.class);

    private final ServerDirectory directory;
    private final ObjectMapper json;
    private final Duration sessionTtl;
    private final Set<Listener> listeners = ConcurrentHashMap.newKeySet();
    private final Map<String, LevelChoice> levels = new ConcurrentHashMap<>();

    public McpNotifications(ServerDirectory directory, ObjectMapper json, InvocationConfig config) {
        this.directory = directory;
        this.json = json;
        this.sessionTtl = config.mcp().sessionTtl();
    }

    /** @return what ends the subscription */
    public Runnable listen(Caller caller, String sessionId, Consumer<ObjectNode> sink) {
        Listener listener = new Listener(caller, sessionId, sink);
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** From now on the session gets server logs at {@code level} and above. */
    public void logLevel(String sessionId, LogLevel level) {
        Instant now = Instant.now();
        levels.values().removeIf(choice -> choice.until().isBefore(now));
        levels.put(sessionId, new LevelChoice(level, now.plus(sessionTtl)));
    }

    /** The session ended: it gets no more logs. */
    public void forget(String sessionId) {
        levels.remove(sessionId);
    }

    void logged(@Observes ServerLog log) {
        Optional<LogLevel> level = LogLevel.parse(log.message().path("level").asText(null));
        if (level.isEmpty()) {
            LOG.debugf("[%s] a log message without a known level: %s", log.server().name(), log.message());
            return;
        }
        ObjectNode notification = null;
        for (Listener listener : listeners) {
            LevelChoice wanted = levels.get(listener.sessionId());
            if (wanted != null && level.get().atLeast(wanted.level()) && mayReadLogsOf(log.server(), listener.caller())) {
                if (notification == null) {
                    notification = logNotification(log, level.get());
                }
                listener.sink().accept(notification);
            }
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
