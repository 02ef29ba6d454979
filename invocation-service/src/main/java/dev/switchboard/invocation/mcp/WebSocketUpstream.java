package dev.switchboard.invocation.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.model.transport.HeartbeatPolicy;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * MCP over a WebSocket, one JSON-RPC message per text message. Pings every {@code heartbeat.intervalMs}; a pong
 * missing for {@code heartbeat.timeoutMs} ends the connection, and the connection supervisor reconnects with the
 * server's reconnect policy. A handshake refused with 401 forgets an OAuth token for the next attempt.
 */
final class WebSocketUpstream implements UpstreamTransport {

    private static final Logger LOG = Logger.getLogger(WebSocketUpstream.class);

    private final String serverName;
    private final URI url;
    private final UpstreamCredentials credentials;
    private final HeartbeatPolicy heartbeat;
    private final OutboundHttp http;
    private final ObjectMapper json;
    private final Duration connectTimeout;
    private final int maxMessageBytes;
    private volatile WebSocket socket;
    private volatile Inbound inbound;
    private volatile Instant lastPong = Instant.now();
    private volatile long heartbeatTimer = -1;
    private final ConnectionLoss loss = new ConnectionLoss();

    WebSocketUpstream(String serverName, URI url, UpstreamCredentials credentials, HeartbeatPolicy heartbeat,
                      OutboundHttp http, ObjectMapper json, Duration connectTimeout, int maxMessageBytes) {
        this.serverName = serverName;
        this.url = url;
        this.credentials = credentials;
        this.heartbeat = heartbeat;
        this.http = http;
        this.json = json;
        this.connectTimeout = connectTimeout;
        this.maxMessageBytes = maxMessageBytes;
    }

    @Override
    public void start(Inbound inbound) {
        this.inbound = inbound;
        CompletableFuture<WebSocket> connecting = http.target(url).thenCombine(credentials.headers(),
                        (target, headers) -> http.webSocket(target, headers).toCompletionStage())
                .thenCompose(socket -> socket).toCompletableFuture();
        try {
            socket = connecting.get(connectTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            connecting.thenAccept(WebSocket::close);
            throw new UpstreamFailure(UpstreamFailure.Kind.TIMEOUT, "the WebSocket handshake took longer than "
                    + connectTimeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpstreamFailure(UpstreamFailure.Kind.CONNECTION, "interrupted while connecting");
        } catch (ExecutionException e) {
            UpstreamFailure failure = UpstreamFailure.of(e, UpstreamFailure.Kind.CONNECTION, "the WebSocket handshake failed");
            if (failure.getCause() instanceof UpgradeRejectedException rejected) {
                if (rejected.getStatus() == 401) {
                    credentials.renewAfterUnauthorized();
                    throw new UpstreamFailure(UpstreamFailure.Kind.CONNECTION, "the server refused the credentials (HTTP 401)");
                }
                throw new UpstreamFailure(UpstreamFailure.Kind.CONNECTION, "the server refused the WebSocket (HTTP "
                        + rejected.getStatus() + ")");
            }
            throw failure;
        }
        socket.textMessageHandler(text -> {
            try {
                inbound.message(json.readTree(text));
            } catch (IOException e) {
                LOG.debugf("[%s] ignored a message that is not JSON-RPC", serverName);
            }
        });
        socket.pongHandler(pong -> lastPong = Instant.now());
        socket.closeHandler(closed -> lost(socket.closeStatusCode() == null ? "the server closed the WebSocket"
                : "the server closed the WebSocket (" + socket.closeStatusCode()
                + (socket.closeStatusCode() == 1009 ? ", a message over " + maxMessageBytes + " bytes" : "") + ")"));
        socket.exceptionHandler(failure -> {
            LOG.debugf("[%s] WebSocket failed: %s", serverName, failure.getMessage());
            lost("the WebSocket failed");
            socket.close();
        });
        lastPong = Instant.now();
        if (heartbeat.enabled()) {
            heartbeatTimer = http.vertx().setPeriodic(heartbeat.intervalMs(), timer -> beat());
        }
    }

    private void beat() {
        WebSocket current = socket;
        if (current == null || loss.happened()) {
            stopHeartbeat();
            return;
        }
        if (Duration.between(lastPong, Instant.now()).toMillis() > heartbeat.intervalMs() + heartbeat.timeoutMs()) {
            LOG.warnf("[%s] no pong within %d ms; dropping the connection", serverName, heartbeat.timeoutMs());
            lost("heartbeat timed out");
            current.close((short) 1001, "heartbeat timed out");
            return;
        }
        current.writePing(Buffer.buffer());
    }

    @Override
    public CompletableFuture<Void> send(ObjectNode message) {
        WebSocket current = socket;
        if (current == null || loss.happened()) {
            return CompletableFuture.failedFuture(new UpstreamFailure(UpstreamFailure.Kind.CONNECTION, "the WebSocket is closed"));
        }
        String text;
        try {
            text = json.writeValueAsString(message);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
        return current.writeTextMessage(text).toCompletionStage().toCompletableFuture();
    }

    @Override
    public boolean alive() {
        return !loss.happened();
    }

    @Override
    public String lossReason() {
        return loss.describe();
    }

    private void lost(String reason) {
        stopHeartbeat();
        loss.lost(reason, inbound);
    }

    private void stopHeartbeat() {
        long timer = heartbeatTimer;
        if (timer >= 0) {
            http.vertx().cancelTimer(timer);
        }
    }

    @Override
    public void close() {
        WebSocket current = socket;
        lost("closed");
        if (current != null && !current.isClosed()) {
            current.close((short) 1000, "closing");
        }
    }

    @Override
    public void abandon() {
        close();
    }
}
