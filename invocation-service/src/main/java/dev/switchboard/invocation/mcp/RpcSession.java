package dev.switchboard.invocation.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * JSON-RPC 2.0 over one upstream transport, as an MCP client speaks it: numbered requests matched to their answers,
 * progress notifications routed to the request whose token they carry, a timed-out or abandoned request cancelled
 * with {@code notifications/cancelled}, and the few requests a server may send a client answered. Nothing here
 * blocks the transport's thread; callers wait on their own.
 */
final class RpcSession implements UpstreamTransport.Inbound {

    static final String JSONRPC = "2.0";
    private static final Logger LOG = Logger.getLogger(RpcSession.class);
    private static final int METHOD_NOT_FOUND = -32601;

    /** Notifications of the server other than progress, and the end of the connection. */
    interface Listener {
        void notification(String method, JsonNode params);

        void closed(String reason);
    }

    /** A request on its way: its id, for cancelling it, and its answer's {@code result}. */
    record Call(long id, CompletableFuture<JsonNode> answer) {
    }

    private record Pending(CompletableFuture<JsonNode> answer, Consumer<JsonNode> progress) {
    }

    private final UpstreamTransport transport;
    private final ObjectMapper json;
    private final String serverName;
    private final AtomicLong ids = new AtomicLong(1);
    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
    private volatile Listener listener;
    private volatile String closedReason;

    RpcSession(UpstreamTransport transport, ObjectMapper json, String serverName) {
        this.transport = transport;
        this.json = json;
        this.serverName = serverName;
    }

    void listen(Listener listener) {
        this.listener = listener;
    }

    ObjectMapper json() {
        return json;
    }

    /**
     * Sends a request. With a {@code progress} listener, the request carries a progress token and the server's
     * {@code notifications/progress} for it reach the listener until the answer comes.
     */
    Call request(String method, ObjectNode params, Consumer<JsonNode> progress) {
        long id = ids.getAndIncrement();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        if (closedReason != null) {
            answer.completeExceptionally(lost());
            return new Call(id, answer);
        }
        ObjectNode message = json.createObjectNode().put("jsonrpc", JSONRPC).put("id", id).put("method", method);
        if (params != null) {
            if (progress != null) {
                params.withObject("/_meta").put("progressToken", id);
            }
            message.set("params", params);
        }
        pending.put(id, new Pending(answer, progress));
        transport.send(message).whenComplete((sent, failure) -> {
            if (failure != null) {
                fail(id, UpstreamFailure.of(failure, UpstreamFailure.Kind.CONNECTION, "the request could not be sent"));
            }
        });
        return new Call(id, answer);
    }

    /**
     * Sends a request and answers its {@code result}. A request that takes longer than {@code timeout} fails with
     * {@link UpstreamFailure.Kind#TIMEOUT}, and a request whose answer is cancelled by the caller (a client that went
     * away) is cancelled at the server too.
     */
    CompletableFuture<JsonNode> ask(String method, ObjectNode params, Duration timeout) {
        return ask(method, params, timeout, null);
    }

    /** {@link #ask}, with the server's progress notifications for this request passed to {@code progress}. */
    CompletableFuture<JsonNode> ask(String method, ObjectNode params, Duration timeout, Consumer<JsonNode> progress) {
        Call call = request(method, params, progress);
        CompletableFuture<JsonNode> answer = Deadlines.within(call.answer(), timeout)
                .exceptionallyCompose(failure -> {
                    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                            ? failure.getCause() : failure;
                    if (cause instanceof TimeoutException) {
                        cancel(call.id(), "timed out");
                        return CompletableFuture.failedFuture(new UpstreamFailure(UpstreamFailure.Kind.TIMEOUT,
                                "no answer within " + timeout.toMillis() + " ms"));
                    }
                    return CompletableFuture.failedFuture(UpstreamFailure.of(cause, UpstreamFailure.Kind.CONNECTION,
                            "the request failed"));
                });
        answer.whenComplete((result, failure) -> {
            if (failure instanceof CancellationException) {
                cancel(call.id(), "the caller went away");
            }
        });
        return answer;
    }

    /** {@link #ask}, waiting for the answer: for the handshake and health checks, which run where blocking is fine. */
    JsonNode call(String method, ObjectNode params, Duration timeout) {
        CompletableFuture<JsonNode> answer = ask(method, params, timeout);
        try {
            return answer.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            answer.cancel(false);
            throw new UpstreamFailure(UpstreamFailure.Kind.CONNECTION, "interrupted while waiting for the server");
        } catch (ExecutionException e) {
            throw UpstreamFailure.of(e, UpstreamFailure.Kind.CONNECTION, "the request failed");
        }
    }

    void notify(String method, ObjectNode params) {
        ObjectNode message = json.createObjectNode().put("jsonrpc", JSONRPC).put("method", method);
        if (params != null) {
            message.set("params", params);
        }
        transport.send(message);
    }

    /** Tells the server to stop working on a request and forgets it; a late answer is ignored. */
    void cancel(long id, String reason) {
        Pending dropped = pending.remove(id);
        if (dropped != null && closedReason == null) {
            notify("notifications/cancelled", json.createObjectNode().put("requestId", id).put("reason", reason));
            dropped.answer().completeExceptionally(new UpstreamFailure(UpstreamFailure.Kind.CONNECTION, "cancelled: " + reason));
        }
    }

    @Override
    public void message(JsonNode message) {
        if (message.isArray()) {
            message.forEach(this::message);
            return;
        }
        if (!message.isObject()) {
            LOG.debugf("[%s] ignored a message that is not a JSON object", serverName);
            return;
        }
        JsonNode method = message.get("method");
        if (method != null && method.isTextual()) {
            if (message.hasNonNull("id")) {
                answerServerRequest(message.get("id"), method.asText());
            } else {
                notification(method.asText(), message.path("params"));
            }
            return;
        }
        Long id = id(message.get("id"));
        Pending waiting = id == null ? null : pending.remove(id);
        if (waiting == null) {
            return;
        }
        JsonNode error = message.get("error");
        if (error != null && error.isObject()) {
            String text = error.path("message").asText("no message");
            waiting.answer().completeExceptionally(new UpstreamFailure(UpstreamFailure.Kind.ERROR_RESPONSE, text,
                    error.path("code").isInt() ? error.get("code").asInt() : null, null));
        } else {
            waiting.answer().complete(message.path("result"));
        }
    }

    @Override
    public void oversized(Long id, long limit) {
        LOG.warnf("[%s] dropped a message larger than %d bytes", serverName, limit);
        if (id != null) {
            fail(id, new UpstreamFailure(UpstreamFailure.Kind.TOO_LARGE,
                    "the server's answer is larger than the limit of " + limit + " bytes"));
        }
    }

    @Override
    public void closed(String reason) {
        if (closedReason != null) {
            return;
        }
        closedReason = reason;
        for (Long id : List.copyOf(pending.keySet())) {
            fail(id, lost());
        }
        Listener current = listener;
        if (current != null) {
            current.closed(reason);
        }
    }

    boolean isClosed() {
        return closedReason != null;
    }

    private UpstreamFailure lost() {
        return new UpstreamFailure(UpstreamFailure.Kind.CONNECTION, "the connection to the server was lost");
    }

    private void fail(long id, UpstreamFailure failure) {
        Pending failed = pending.remove(id);
        if (failed != null) {
            failed.answer().completeExceptionally(failure);
        }
    }

    private void notification(String method, JsonNode params) {
        if ("notifications/progress".equals(method)) {
            Long token = id(params.get("progressToken"));
            Pending waiting = token == null ? null : pending.get(token);
            if (waiting != null && waiting.progress() != null) {
                waiting.progress().accept(params);
            }
            return;
        }
        Listener current = listener;
        if (current != null) {
            current.notification(method, params);
        }
    }

    /** A client that declares no capabilities still answers ping, and an empty list of roots. */
    private void answerServerRequest(JsonNode id, String method) {
        ObjectNode answer = json.createObjectNode().put("jsonrpc", JSONRPC);
        answer.set("id", id);
        switch (method) {
            case "ping" -> answer.putObject("result");
            case "roots/list" -> answer.putObject("result").putArray("roots");
            default -> answer.putObject("error").put("code", METHOD_NOT_FOUND)
                    .put("message", "Switchboard does not offer " + method + " to servers");
        }
        transport.send(answer);
    }

    private static Long id(JsonNode id) {
        if (id == null) {
            return null;
        }
        if (id.isIntegralNumber()) {
            return id.asLong();
        }
        if (id.isTextual()) {
            try {
                return Long.parseLong(id.asText());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}
