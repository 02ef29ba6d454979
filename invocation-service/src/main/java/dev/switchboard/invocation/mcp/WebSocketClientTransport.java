package dev.switchboard.invocation.mcp;

import dev.switchboard.model.transport.HeartbeatPolicy;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jboss.logging.Logger;
import reactor.core.publisher.Mono;

/**
 * MCP over a WebSocket, which the SDK lacks: one JSON-RPC message per text frame, written against the SDK's transport
 * interface. Pings every {@code heartbeat.intervalMs}; a pong missing for {@code heartbeat.timeoutMs} ends the
 * connection, and the connection supervisor reconnects with the server's reconnect policy.
 *
 * <p>The SDK's request ids are strings; WebSocket bridges such as supergateway round-trip only numeric ones, so
 * requests leave with a number of this connection's own, and their responses get the SDK's id back.
 */
public class WebSocketClientTransport implements McpClientTransport, Supervised {

    private static final Logger LOG = Logger.getLogger(WebSocketClientTransport.class);
    private static final ScheduledExecutorService HEARTBEATS = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "websocket-heartbeat");
        thread.setDaemon(true);
        return thread;
    });

    private final URI url;
    private final Map<String, String> headers;
    private final HeartbeatPolicy heartbeat;
    private final McpJsonMapper json;
    private final Runnable onUnauthorized;
    private final HttpClient http;
    /** Completes when the handshake is done; the SDK may send its first message before that. */
    private final CompletableFuture<WebSocket> connected = new CompletableFuture<>();
    private volatile WebSocket socket;
    private volatile boolean open;
    private volatile Instant lastPong = Instant.now();
    private volatile ScheduledFuture<?> pinger;
    private volatile String lossReason;
    private volatile Consumer<Throwable> exceptionHandler = error -> { };
    private final AtomicLong nextWireId = new AtomicLong(1);
    private final Map<Long, Object> sdkIds = new ConcurrentHashMap<>();
    /** java.net.http allows one outstanding send at a time, so sends queue behind each other. */
    private CompletableFuture<WebSocket> lastSend = CompletableFuture.completedFuture(null);

    /** @param onUnauthorized called when the handshake is answered 401, so that the next attempt renews the credentials */
    public WebSocketClientTransport(URI url, Map<String, String> headers, HeartbeatPolicy heartbeat, Duration connectTimeout,
                                    McpJsonMapper json, Runnable onUnauthorized) {
        this.onUnauthorized = onUnauthorized;
        this.url = url;
        this.headers = Map.copyOf(headers);
        this.heartbeat = heartbeat;
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).build();
    }

    @Override
    public Mono<Void> connect(Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler) {
        return Mono.fromFuture(() -> {
            WebSocket.Builder builder = http.newWebSocketBuilder();
            headers.forEach(builder::header);
            return builder.buildAsync(url, new Frames(handler));
        }).doOnError(failure -> {
            if (unauthorized(failure)) {
                onUnauthorized.run();
            }
            connected.completeExceptionally(failure);
        }).doOnNext(established -> {
            socket = established;
            open = true;
            connected.complete(established);
            lastPong = Instant.now();
            if (heartbeat.enabled()) {
                pinger = HEARTBEATS.scheduleAtFixedRate(this::beat, heartbeat.intervalMs(), heartbeat.intervalMs(),
                        TimeUnit.MILLISECONDS);
            }
        }).then();
    }

    private static boolean unauthorized(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof WebSocketHandshakeException handshake && handshake.getResponse().statusCode() == 401) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void setExceptionHandler(Consumer<Throwable> handler) {
        this.exceptionHandler = handler;
    }

    @Override
    public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
        return Mono.defer(() -> {
            String text;
            try {
                text = json.writeValueAsString(toWire(message));
            } catch (IOException e) {
                return Mono.error(e);
            }
            CompletableFuture<WebSocket> sent;
            synchronized (this) {
                sent = lastSend.handle((ignored, failure) -> null)
                        .thenCompose(ignored -> connected)
                        .thenCompose(current -> {
                            if (!open) {
                                return CompletableFuture.failedFuture(new IOException("the WebSocket to " + url + " is closed"));
                            }
                            return current.sendText(text, true);
                        });
                lastSend = sent;
            }
            return Mono.fromFuture(sent).then();
        });
    }

    @Override
    public Mono<Void> closeGracefully() {
        return Mono.fromRunnable(() -> {
            open = false;
            stopHeartbeat();
            WebSocket current = socket;
            if (current != null && !current.isOutputClosed()) {
                current.sendClose(WebSocket.NORMAL_CLOSURE, "closing").orTimeout(2, TimeUnit.SECONDS)
                        .exceptionally(failure -> {
                            current.abort();
                            return current;
                        });
            }
        });
    }

    @Override
    public <T> T unmarshalFrom(Object data, TypeRef<T> type) {
        return json.convertValue(data, type);
    }

    private McpSchema.JSONRPCMessage toWire(McpSchema.JSONRPCMessage message) {
        if (message instanceof McpSchema.JSONRPCRequest request && request.id() != null) {
            long wireId = nextWireId.getAndIncrement();
            sdkIds.put(wireId, request.id());
            return new McpSchema.JSONRPCRequest(request.jsonrpc(), request.method(), wireId, request.params());
        }
        return message;
    }

    private McpSchema.JSONRPCMessage fromWire(McpSchema.JSONRPCMessage message) {
        if (message instanceof McpSchema.JSONRPCResponse response && response.id() instanceof Number number) {
            Object sdkId = sdkIds.remove(number.longValue());
            if (sdkId != null) {
                return new McpSchema.JSONRPCResponse(response.jsonrpc(), sdkId, response.result(), response.error());
            }
        }
        return message;
    }

    @Override
    public boolean alive() {
        return socket == null || open;
    }

    private void beat() {
        WebSocket current = socket;
        if (current == null || !open) {
            stopHeartbeat();
            return;
        }
        if (Duration.between(lastPong, Instant.now()).toMillis() > heartbeat.intervalMs() + heartbeat.timeoutMs()) {
            LOG.warnf("No pong from %s within %d ms; dropping the connection", url, heartbeat.timeoutMs());
            lost(new IOException("heartbeat timed out"));
            current.abort();
            return;
        }
        current.sendPing(ByteBuffer.allocate(0));
    }

    @Override
    public String lossReason() {
        return lossReason == null ? "the connection was lost" : "the connection was lost: " + lossReason;
    }

    private void lost(Throwable reason) {
        connected.completeExceptionally(reason);
        if (open) {
            lossReason = reason.getMessage();
            open = false;
            stopHeartbeat();
            exceptionHandler.accept(reason);
        }
    }

    private void stopHeartbeat() {
        ScheduledFuture<?> running = pinger;
        if (running != null) {
            running.cancel(false);
        }
    }

    /** Reads frames; a message may come in several parts. */
    private final class Frames implements WebSocket.Listener {

        private final Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler;
        private final StringBuilder partial = new StringBuilder();

        Frames(Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler) {
            this.handler = handler;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                try {
                    McpSchema.JSONRPCMessage message = fromWire(McpSchema.deserializeJsonRpcMessage(json, text));
                    handler.apply(Mono.just(message)).subscribe(null,
                            failure -> LOG.debugf("Handling a message from %s failed: %s", url, failure.getMessage()));
                } catch (IOException e) {
                    LOG.warnf("Ignoring a frame from %s that is not JSON-RPC: %s", url, e.getMessage());
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
            lastPong = Instant.now();
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            lost(new IOException("the server closed the WebSocket (" + statusCode + " " + reason + ")"));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            lost(error);
        }
    }
}
