package dev.switchboard.invocation.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.invocation.config.InvocationConfig;
import dev.switchboard.invocation.service.LogLevel;
import dev.switchboard.invocation.service.McpError;
import dev.switchboard.invocation.service.McpGateway;
import dev.switchboard.invocation.service.McpNotifications;
import dev.switchboard.invocation.service.McpSessions;
import dev.switchboard.invocation.service.RequestHeaders;
import dev.switchboard.invocation.service.ToolService;
import dev.switchboard.platform.error.ApiException;
import dev.switchboard.platform.error.HttpLimits;
import dev.switchboard.platform.security.Caller;
import dev.switchboard.platform.security.CurrentCaller;
import dev.switchboard.platform.security.Role;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.net.URI;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

/**
 * The aggregated MCP endpoint over HTTP: Streamable HTTP at {@code /mcp} (POST, the GET notification stream, DELETE),
 * the legacy HTTP+SSE transport at {@code /mcp/sse} and {@code /mcp/messages}, and the stateless revision's requests,
 * which carry their protocol version in {@code _meta} and need no session. Written on Vert.x rather than JAX-RS
 * because one POST answers either JSON or an event stream, decided by the request (a progress token) rather than by
 * content negotiation. What each method does is {@link McpGateway}'s.
 */
@ApplicationScoped
public class McpRoutes {

    static final String SESSION = "Mcp-Session-Id";
    static final String VERSION = "MCP-Protocol-Version";
    private static final String META_VERSION = "io.modelcontextprotocol/protocolVersion";
    private static final String META_CAPABILITIES = "io.modelcontextprotocol/clientCapabilities";
    private static final String META_LOG_LEVEL = "io.modelcontextprotocol/logLevel";
    /** The methods whose {@code Mcp-Name} header repeats a field of their params, and that field. */
    private static final Map<String, String> NAMED_BY = Map.of("tools/call", "name", "prompts/get", "name",
            "resources/read", "uri");
    private static final Set<String> ROLES = Set.of(Role.ADMIN, Role.MANAGER, Role.USER);
    private static final String SUBSCRIPTION_ID = "io.modelcontextprotocol/subscriptionId";
    /** What {@code subscriptions/listen} may ask for, by its filter's name, and the notification that carries it. */
    private static final Map<String, String> LISTENABLE = Map.of("toolsListChanged", "notifications/tools/list_changed",
            "promptsListChanged", "notifications/prompts/list_changed",
            "resourcesListChanged", "notifications/resources/list_changed");
    /** The stateless revision's results that carry {@code ttlMs} and {@code cacheScope}. */
    private static final Set<String> CACHEABLE = Set.of("server/discover", "tools/list", "prompts/list", "resources/list",
            "resources/templates/list", "resources/read");
    private static final Logger LOG = Logger.getLogger(McpRoutes.class);

    private final McpGateway gateway;
    private final McpSessions sessions;
    private final McpNotifications notifications;
    private final ObjectMapper json;
    private final InvocationConfig.Mcp config;
    private final long maxBodyBytes;
    private final Vertx vertx;
    /** Legacy HTTP+SSE sessions on this replica: their event streams, where answers to their POSTs go. */
    private final Map<String, LegacyStream> legacy = new ConcurrentHashMap<>();

    private record LegacyStream(String keyId, String protocolVersion, Consumer<ObjectNode> send) {
    }

    public McpRoutes(McpGateway gateway, McpSessions sessions, McpNotifications notifications, ObjectMapper json,
                     InvocationConfig config, HttpLimits limits, Vertx vertx) {
        this.gateway = gateway;
        this.sessions = sessions;
        this.notifications = notifications;
        this.json = json;
        this.config = config.mcp();
        this.maxBodyBytes = limits.maxBodyBytes();
        this.vertx = vertx;
    }

    void install(@Observes Router router) {
        router.post("/mcp").handler(BodyHandler.create(false).setBodyLimit(maxBodyBytes)).handler(this::post);
        router.get("/mcp").handler(this::notificationStream);
        router.delete("/mcp").handler(this::end);
        router.route("/mcp").handler(context -> plain(context, 405, "use POST, GET or DELETE"));
        router.get("/mcp/sse").handler(this::legacyStream);
        router.post("/mcp/messages").handler(BodyHandler.create(false).setBodyLimit(maxBodyBytes)).handler(this::legacyPost);
    }

    // Streamable HTTP

    private void post(RoutingContext context) {
        withCaller(context, caller -> {
            JsonNode message = read(context);
            if (message == null) {
                return;
            }
            if (message.has("result") || message.has("error")) {
                context.response().setStatusCode(202).end();
                return;
            }
            JsonNode meta = message.path("params").path("_meta");
            if (meta.has(META_VERSION)) {
                stateless(context, caller, message, meta);
            } else {
                sessionful(context, caller, message);
            }
        });
    }

    private void sessionful(RoutingContext context, Caller caller, JsonNode message) {
        String method = message.path("method").asText();
        String headerVersion = context.request().getHeader(VERSION);
        if (headerVersion != null && McpGateway.STATELESS_VERSIONS.contains(headerVersion)) {
            rpcError(context, 400, message.get("id"), McpError.invalidParams("the request names protocol version "
                    + headerVersion + " in " + VERSION + " but carries no " + META_VERSION + " in params._meta"));
            return;
        }
        if ("initialize".equals(method)) {
            String version = McpGateway.negotiate(message.path("params").path("protocolVersion").asText(null));
            context.response().putHeader(SESSION, sessions.open(version, caller));
            answer(context, message.get("id"), gateway.initializeResult(version));
            return;
        }
        String sessionId = context.request().getHeader(SESSION);
        if (sessionId == null) {
            rpcError(context, 400, message.get("id"), new McpError(McpError.INVALID_REQUEST,
                    "Bad Request: no " + SESSION + " header; initialize first"));
            return;
        }
        Optional<McpSessions.Session> session = sessions.find(sessionId, caller);
        if (session.isEmpty()) {
            rpcError(context, 404, message.get("id"), new McpError(-32001, "Session not found; initialize again"));
            return;
        }
        if (headerVersion != null && !McpGateway.SESSION_VERSIONS.contains(headerVersion)) {
            rpcError(context, 400, message.get("id"), new McpError(McpError.INVALID_REQUEST,
                    "Unsupported protocol version " + headerVersion));
            return;
        }
        if (!message.hasNonNull("id")) {
            notification(sessionId, message);
            context.response().setStatusCode(202).end();
            return;
        }
        dispatch(context, caller, sessionId, message, false);
    }

    /** The stateless revision: the version and the client's capabilities come with every request, checked here. */
    private void stateless(RoutingContext context, Caller caller, JsonNode message, JsonNode meta) {
        JsonNode id = message.get("id");
        String method = message.path("method").asText();
        Optional<McpError> refused = refusal(context, caller, message, meta);
        if (refused.isPresent()) {
            rpcError(context, 400, id, refused.get());
        } else if (!message.hasNonNull("id")) {
            context.response().setStatusCode(202).end();
        } else if (Set.of("initialize", "ping", "logging/setLevel").contains(method)) {
            rpcError(context, 404, id, new McpError(McpError.METHOD_NOT_FOUND, "Method not found in protocol version "
                    + meta.path(META_VERSION).asText() + ": " + method));
        } else if ("subscriptions/listen".equals(method)) {
            listen(context, caller, message);
        } else {
            dispatch(context, caller, null, message, true);
        }
    }

    /** Why a message of the stateless revision is refused before it runs: its headers, its version or its _meta. */
    private Optional<McpError> refusal(RoutingContext context, Caller caller, JsonNode message, JsonNode meta) {
        String claimed = meta.path(META_VERSION).asText("");
        String headerVersion = context.request().getHeader(VERSION);
        String headerMethod = context.request().getHeader("Mcp-Method");
        String method = message.path("method").asText();
        if (message.hasNonNull("id") && (headerVersion == null || headerMethod == null)) {
            return Optional.of(new McpError(McpError.HEADER_MISMATCH, "a request of protocol version " + claimed
                    + " must carry the " + VERSION + " and Mcp-Method headers"));
        }
        if (headerVersion != null && !headerVersion.equals(claimed)) {
            return Optional.of(new McpError(McpError.HEADER_MISMATCH, VERSION + " " + headerVersion
                    + " disagrees with the request's " + META_VERSION + " " + claimed));
        }
        if (!McpGateway.STATELESS_VERSIONS.contains(claimed)) {
            ObjectNode data = json.createObjectNode().put("requested", claimed);
            data.set("supported", json.valueToTree(McpGateway.STATELESS_VERSIONS));
            return Optional.of(new McpError(McpError.UNSUPPORTED_PROTOCOL_VERSION, "Unsupported protocol version: "
                    + claimed, data));
        }
        if (!meta.path(META_CAPABILITIES).isObject()) {
            return Optional.of(McpError.invalidParams("params._meta must carry " + META_CAPABILITIES));
        }
        if (headerMethod != null && !headerMethod.equals(method)) {
            return Optional.of(new McpError(McpError.HEADER_MISMATCH, "Mcp-Method " + headerMethod
                    + " disagrees with the request's method " + method));
        }
        return headersDisagree(context, caller, method, message.path("params"))
                .map(problem -> new McpError(McpError.HEADER_MISMATCH, "Header mismatch: " + problem));
    }

    /**
     * What the stateless revision's {@code Mcp-Name} and {@code Mcp-Param-*} headers say that the body does not
     * ({@link RequestHeaders}); empty when they agree.
     */
    private Optional<String> headersDisagree(RoutingContext context, Caller caller, String method, JsonNode params) {
        String field = NAMED_BY.get(method);
        if (field == null || !params.path(field).isTextual()) {
            return Optional.empty();
        }
        String named = params.path(field).asText();
        String sent = context.request().getHeader("Mcp-Name");
        if (sent == null) {
            return Optional.of("Mcp-Name is required for " + method);
        }
        Optional<String> decoded = RequestHeaders.decode(sent);
        if (decoded.isEmpty() || !decoded.get().equals(named)) {
            return Optional.of("Mcp-Name header value '" + decoded.orElse(sent) + "' does not match body value '"
                    + named + "'");
        }
        if (!"tools/call".equals(method)) {
            return Optional.empty();
        }
        return gateway.inputSchemaOf(named, caller).flatMap(schema -> RequestHeaders.paramMismatch(schema,
                params.path("arguments"), name -> context.request().getHeader(name)));
    }

    /**
     * Runs a request. A {@code tools/call} that carries a progress token, or in the stateless revision a log level,
     * from a client that accepts an event stream, is answered on one: its progress notifications and its server's
     * logs first, then the result. Everything else is answered with JSON.
     */
    private void dispatch(RoutingContext context, Caller caller, String sessionId, JsonNode message, boolean stateless) {
        JsonNode id = message.get("id");
        String method = message.path("method").asText();
        JsonNode params = message.get("params");
        JsonNode meta = params == null ? MissingNode.getInstance() : params.path("_meta");
        JsonNode progressToken = meta.get("progressToken");
        LogLevel logLevel = null;
        if (stateless && meta.has(META_LOG_LEVEL)) {
            try {
                logLevel = LogLevel.required(meta.path(META_LOG_LEVEL).asText(null));
            } catch (McpError unknown) {
                send(context, 200, errorResponse(id, unknown));
                return;
            }
        }
        String accept = context.request().getHeader("Accept");
        boolean streams = (progressToken != null || logLevel != null) && accept != null
                && accept.contains("text/event-stream") && "tools/call".equals(method);
        EventStream stream = streams ? EventStream.open(context, json) : null;
        ToolService.Control control = new ToolService.Control(stream == null || progressToken == null ? null
                : progress -> stream.send(progressNotification(progressToken, progress)));
        Runnable endLogs = stream == null || logLevel == null ? () -> {
        } : notifications.logsOfCall(caller, params.path("name").asText(""), logLevel, stream::send);
        String call = sessionId != null && id != null ? sessions.started(sessionId, id, control) : null;
        context.response().closeHandler(closed -> control.cancel());
        gateway.request(method, params, new McpGateway.Exchange(caller, control, sessionId)).whenComplete((result, failure) -> {
            endLogs.run();
            if (call != null) {
                sessions.finished(call);
            }
            ObjectNode reply = failure == null ? response(id, inStatelessShape(method, result, stateless))
                    : errorResponse(id, failure);
            if (stream != null) {
                stream.send(reply);
                stream.end();
            } else if (failure != null && stateless && isMethodNotFound(failure)) {
                send(context, 404, reply);
            } else {
                send(context, 200, reply);
            }
        });
    }

    private void notification(String sessionId, JsonNode message) {
        JsonNode requestId = message.path("params").get("requestId");
        if ("notifications/cancelled".equals(message.path("method").asText()) && requestId != null) {
            sessions.cancel(sessionId, requestId);
        }
    }

    private void notificationStream(RoutingContext context) {
        withCaller(context, caller -> {
            String sessionId = context.request().getHeader(SESSION);
            if (sessionId == null || sessions.find(sessionId, caller).isEmpty()) {
                plain(context, sessionId == null ? 405 : 404, sessionId == null
                        ? "open the notification stream of a session: initialize first" : "session not found");
                return;
            }
            EventStream stream = EventStream.open(context, json);
            holdOpen(context, stream, notifications.listen(caller, sessionId, stream::send));
        });
    }

    /**
     * The stateless revision's {@code subscriptions/listen}: an event stream that first acknowledges the list changes
     * it will carry (those the client opted in to; resource subscriptions are not offered), then carries them, each
     * stamped with the listen request's id. It stays open until the client closes it.
     */
    private void listen(RoutingContext context, Caller caller, JsonNode message) {
        JsonNode id = message.get("id");
        JsonNode wanted = message.path("params").path("notifications");
        if (!wanted.isObject()) {
            rpcError(context, 200, id, McpError.invalidParams("params.notifications must be an object"));
            return;
        }
        ObjectNode honored = json.createObjectNode();
        Set<String> methods = new HashSet<>();
        LISTENABLE.forEach((filter, method) -> {
            if (wanted.path(filter).asBoolean(false)) {
                honored.put(filter, true);
                methods.add(method);
            }
        });
        EventStream stream = EventStream.open(context, json);
        ObjectNode acknowledged = json.createObjectNode().put("jsonrpc", "2.0")
                .put("method", "notifications/subscriptions/acknowledged");
        acknowledged.putObject("params").set("notifications", honored);
        stream.send(stamped(acknowledged, id));
        holdOpen(context, stream, notifications.listen(caller, "listen " + UUID.randomUUID(), notification -> {
            if (methods.contains(notification.path("method").asText())) {
                stream.send(stamped(notification.deepCopy(), id));
            }
        }));
    }

    private static ObjectNode stamped(ObjectNode notification, JsonNode subscriptionId) {
        notification.withObject("/params").withObject("/_meta").set(SUBSCRIPTION_ID, subscriptionId);
        return notification;
    }

    /** Keeps a notification stream alive with comments until the client goes; then {@code onClose} runs. */
    private void holdOpen(RoutingContext context, EventStream stream, Runnable onClose) {
        long keepAlive = vertx.setPeriodic(config.keepAlive().toMillis(), tick -> stream.comment("keep-alive"));
        context.response().closeHandler(closed -> {
            onClose.run();
            vertx.cancelTimer(keepAlive);
        });
    }

    private void end(RoutingContext context) {
        withCaller(context, caller -> {
            String sessionId = context.request().getHeader(SESSION);
            Optional<McpSessions.Session> session = sessionId == null ? Optional.empty() : sessions.find(sessionId, caller);
            if (session.isEmpty()) {
                plain(context, 404, "session not found");
                return;
            }
            sessions.end(sessionId, session.get());
            notifications.forget(sessionId);
            context.response().setStatusCode(204).end();
        });
    }

    // Legacy HTTP+SSE (2024-11-05): answers travel on the session's event stream, so its POSTs must reach the same replica.

    private void legacyStream(RoutingContext context) {
        withCaller(context, caller -> {
            String sessionId = UUID.randomUUID().toString();
            EventStream stream = EventStream.open(context, json);
            legacy.put(sessionId, new LegacyStream(caller.keyId(), McpGateway.SESSION_VERSIONS.get(3), stream::send));
            stream.event("endpoint", "/mcp/messages?sessionId=" + sessionId);
            Runnable stop = notifications.listen(caller, sessionId, stream::send);
            holdOpen(context, stream, () -> {
                legacy.remove(sessionId);
                notifications.forget(sessionId);
                stop.run();
            });
        });
    }

    private void legacyPost(RoutingContext context) {
        withCaller(context, caller -> {
            String sessionId = context.request().getParam("sessionId");
            LegacyStream stream = sessionId == null ? null : legacy.get(sessionId);
            if (stream == null || !stream.keyId().equals(caller.keyId())) {
                plain(context, 404, "session not found: open GET /mcp/sse first, on this replica");
                return;
            }
            JsonNode message = read(context);
            if (message == null) {
                return;
            }
            context.response().setStatusCode(202).end("Accepted");
            String method = message.path("method").asText();
            if (!message.hasNonNull("id") || message.has("result") || message.has("error")) {
                notification(sessionId, message);
                return;
            }
            if ("initialize".equals(method)) {
                String version = McpGateway.negotiate(message.path("params").path("protocolVersion").asText(null));
                stream.send().accept(response(message.get("id"), gateway.initializeResult(version)));
                return;
            }
            JsonNode progressToken = message.path("params").path("_meta").get("progressToken");
            ToolService.Control control = new ToolService.Control(progressToken == null ? null
                    : progress -> stream.send().accept(progressNotification(progressToken, progress)));
            String call = sessions.started(sessionId, message.get("id"), control);
            gateway.request(method, message.get("params"), new McpGateway.Exchange(caller, control, sessionId))
                    .whenComplete((result, failure) -> {
                        sessions.finished(call);
                        stream.send().accept(failure == null ? response(message.get("id"), result)
                                : errorResponse(message.get("id"), failure));
                    });
        });
    }

    // Shared steps

    /**
     * Checks the Origin (DNS-rebinding protection) and the credentials, then runs {@code then} with the caller: a
     * bearer token, or an API key in {@code X-API-Key} or as the bearer value.
     */
    private void withCaller(RoutingContext context, Consumer<Caller> then) {
        if (!originAllowed(context)) {
            plain(context, 403, "requests from origin " + context.request().getHeader("Origin") + " are not allowed");
            return;
        }
        QuarkusHttpUser.getSecurityIdentity(context, null).subscribe().with(identity -> {
            if (identity == null || identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
                unauthorized(context);
                return;
            }
            Caller caller = CurrentCaller.of(token);
            if (!ROLES.contains(caller.role())) {
                plain(context, 403, "this role may not use MCP");
                return;
            }
            try {
                then.accept(caller);
            } catch (RuntimeException e) {
                LOG.errorf(e, "An MCP request failed: %s", e.getMessage());
                send(context, 500, errorResponse(null, new McpError(McpError.INTERNAL_ERROR, "the request failed")));
            }
        }, failure -> {
            if (failure instanceof ApiException api) {
                api.headers().forEach(context.response()::putHeader);
                plain(context, api.code().status(), api.getMessage());
            } else {
                unauthorized(context);
            }
        });
    }

    private boolean originAllowed(RoutingContext context) {
        String origin = context.request().getHeader("Origin");
        if (origin == null || config.allowedOrigins().map(allowed -> allowed.contains(origin)).orElse(false)) {
            return true;
        }
        try {
            String originHost = URI.create(origin).getHost();
            String host = context.request().authority() == null ? null : context.request().authority().host();
            return originHost != null && originHost.equalsIgnoreCase(host);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The body as one JSON-RPC message, or {@code null} after answering 400 for anything else. */
    private JsonNode read(RoutingContext context) {
        Buffer body = context.body().buffer();
        JsonNode message;
        try {
            message = body == null ? null : json.readTree(body.getBytes());
        } catch (IOException e) {
            rpcError(context, 400, null, new McpError(McpError.PARSE_ERROR, "Parse error: the body is not JSON"));
            return null;
        }
        if (message == null || !message.isObject() || !"2.0".equals(message.path("jsonrpc").asText())
                || (!message.path("method").isTextual() && !message.has("result") && !message.has("error"))) {
            rpcError(context, 400, null, new McpError(McpError.INVALID_REQUEST,
                    "Invalid Request: send one JSON-RPC 2.0 message (batches are not accepted)"));
            return null;
        }
        return message;
    }

    private ObjectNode response(JsonNode id, JsonNode result) {
        ObjectNode response = json.createObjectNode().put("jsonrpc", "2.0");
        response.set("id", id);
        response.set("result", result);
        return response;
    }

    private ObjectNode errorResponse(JsonNode id, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        McpError error = cause instanceof McpError mcp ? mcp
                : new McpError(McpError.INTERNAL_ERROR, cause instanceof ApiException api ? api.getMessage() : "the request failed");
        ObjectNode response = json.createObjectNode().put("jsonrpc", "2.0");
        response.set("id", id);
        ObjectNode body = response.putObject("error").put("code", error.code()).put("message", error.getMessage());
        if (error.data() != null) {
            body.set("data", error.data());
        }
        return response;
    }

    private static boolean isMethodNotFound(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return cause instanceof McpError mcp && mcp.code() == McpError.METHOD_NOT_FOUND;
    }

    /**
     * A result as the stateless revision words it: every one says it is complete, and the cacheable ones say for how
     * long and for whom. What a key sees depends on the key, and a catalog changes when a server does, so nothing is
     * shared and nothing is fresh past the answer.
     */
    private static JsonNode inStatelessShape(String method, JsonNode result, boolean stateless) {
        if (stateless && result instanceof ObjectNode object) {
            if (!object.has("resultType")) {
                object.put("resultType", "complete");
            }
            if (CACHEABLE.contains(method) && !object.has("ttlMs")) {
                object.put("ttlMs", 0).put("cacheScope", "private");
            }
        }
        return result;
    }

    private ObjectNode progressNotification(JsonNode clientToken, JsonNode upstream) {
        ObjectNode params = upstream.isObject() ? ((ObjectNode) upstream).deepCopy() : json.createObjectNode();
        params.set("progressToken", clientToken);
        ObjectNode notification = json.createObjectNode().put("jsonrpc", "2.0").put("method", "notifications/progress");
        notification.set("params", params);
        return notification;
    }

    private void answer(RoutingContext context, JsonNode id, JsonNode result) {
        send(context, 200, response(id, result));
    }

    private void rpcError(RoutingContext context, int status, JsonNode id, McpError error) {
        send(context, status, errorResponse(id, error));
    }

    private void send(RoutingContext context, int status, ObjectNode body) {
        if (context.response().ended()) {
            return;
        }
        try {
            context.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                    .end(Buffer.buffer(json.writeValueAsBytes(body)));
        } catch (JsonProcessingException e) {
            context.response().setStatusCode(500).end();
        }
    }

    private void unauthorized(RoutingContext context) {
        context.response().putHeader("WWW-Authenticate", "Bearer");
        plain(context, 401, "send a bearer token or an API key (Authorization: Bearer, or X-API-Key)");
    }

    private void plain(RoutingContext context, int status, String reason) {
        if (context.response().ended()) {
            return;
        }
        ObjectNode body = json.createObjectNode().put("jsonrpc", "2.0").putNull("id");
        body.putObject("error").put("code", McpError.INVALID_REQUEST).put("message", reason);
        send(context, status, body);
    }

    /**
     * A response written as an event stream that stays open; writes after the client went away are dropped. Writes
     * come from the event loop (a reply) and from other threads (an upstream's progress, a server's log): Vert.x runs
     * a write from another thread later, on the event loop, so a reply written on the loop could overtake the progress
     * sent just before it. Every write and the end therefore go through the response's event loop, in the order they
     * were made.
     */
    private static final class EventStream {

        private final HttpServerResponse response;
        private final Context loop;
        private final ObjectMapper json;

        private EventStream(HttpServerResponse response, Context loop, ObjectMapper json) {
            this.response = response;
            this.loop = loop;
            this.json = json;
        }

        /**
         * Opens the stream. Its writes are queued on the current context (the request's event loop, or the one the
         * credentials check completed on); Vert.x hands each to the connection's own loop in the same order.
         */
        static EventStream open(RoutingContext context, ObjectMapper json) {
            HttpServerResponse response = context.response();
            response.setStatusCode(200).setChunked(true).putHeader("Content-Type", "text/event-stream")
                    .putHeader("Cache-Control", "no-cache");
            response.write("");
            return new EventStream(response, context.vertx().getOrCreateContext(), json);
        }

        void send(JsonNode message) {
            try {
                event("message", json.writeValueAsString(message));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a message could not be written", e);
            }
        }

        void event(String type, String data) {
            write("event: " + type + "\ndata: " + data + "\n\n");
        }

        void comment(String text) {
            write(": " + text + "\n\n");
        }

        void end() {
            onTheLoop(() -> {
                if (!response.ended() && !response.closed()) {
                    response.end();
                }
            });
        }

        private void write(String text) {
            onTheLoop(() -> {
                if (!response.ended() && !response.closed()) {
                    response.write(text);
                }
            });
        }

        /** Queues the step behind every earlier one: the synchronized hand-over keeps the callers' order. */
        private synchronized void onTheLoop(Runnable step) {
            loop.runOnContext(ignored -> step.run());
        }
    }
}
