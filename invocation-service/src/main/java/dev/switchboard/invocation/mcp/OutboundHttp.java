package dev.switchboard.invocation.mcp;

import dev.switchboard.invocation.config.InvocationConfig;
import dev.switchboard.platform.net.OutboundUrlPolicy;
import dev.switchboard.platform.net.RefusedAddressException;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.net.SocketAddress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every outbound HTTP request and WebSocket of the invocation service (MCP servers, OAuth token endpoints) goes
 * through here, so that the outbound URL policy holds at connect time: a host name is resolved and every address it
 * resolves to is checked, and the connection is made to that checked address, never to a second lookup's answer.
 * A checked name is used for {@code address-check-ttl}, then resolved and checked again, so that DNS rebinding finds
 * no gap. Redirects are not followed.
 */
@ApplicationScoped
public class OutboundHttp {

    /** Where a request goes: the URL's host and port for the Host header and TLS, and the checked address. */
    public record Target(URI url, String host, int port, boolean ssl, SocketAddress server) {

        String pathAndQuery() {
            String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
            return url.getRawQuery() == null ? path : path + "?" + url.getRawQuery();
        }
    }

    private record Checked(InetAddress address, Instant until) {
    }

    private static final int CLEANER_PERIOD_MS = 250;

    private final Vertx vertx;
    private final OutboundUrlPolicy policy;
    private final Duration ttl;
    private final HttpClientOptions httpOptions;
    /** For requests made off the event loops (blocking callers). */
    private final HttpClient http;
    /**
     * A client of its own for each event loop that sends requests. A shared pool lends the most recently used
     * connection whichever event loop it belongs to, and then the request is written and its answer handled on two
     * different threads: two thread hops per call. A request made on an event loop takes a connection of that loop.
     */
    private final Map<Thread, HttpClient> eventLoopClients = new ConcurrentHashMap<>();
    private final WebSocketClient webSockets;
    private final Map<String, Checked> checked = new ConcurrentHashMap<>();

    @Inject
    public OutboundHttp(Vertx vertx, OutboundUrlPolicy policy, InvocationConfig config) {
        this(vertx, policy, config.upstream().addressCheckTtl(), (int) config.upstream().connectTimeout().toMillis(),
                config.upstream().maxMessageBytes(), config.upstream().idleConnectionTimeout());
    }

    OutboundHttp(Vertx vertx, OutboundUrlPolicy policy, Duration ttl, int connectTimeout, int maxMessageBytes,
                 Duration idleConnectionTimeout) {
        this.vertx = vertx;
        this.policy = policy;
        this.ttl = ttl;
        this.httpOptions = new HttpClientOptions()
                .setConnectTimeout(connectTimeout)
                .setKeepAlive(true)
                .setKeepAliveTimeout((int) Math.max(1, idleConnectionTimeout.toSeconds()))
                .setTcpNoDelay(true)
                .setForceSni(true)
                .setVerifyHost(true)
                .setMaxRedirects(0);
        this.http = newHttpClient();
        WebSocketClientOptions webSocketOptions = new WebSocketClientOptions()
                .setMaxMessageSize(maxMessageBytes)
                .setMaxFrameSize(Math.min(maxMessageBytes, 1024 * 1024))
                .setVerifyHost(true);
        webSocketOptions.setConnectTimeout(connectTimeout);
        this.webSockets = vertx.createWebSocketClient(webSocketOptions);
    }

    /** Resolves and checks the URL's host, or fails with an {@link UpstreamFailure} saying it was refused. */
    public CompletableFuture<Target> target(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        boolean ssl = scheme.equals("https") || scheme.equals("wss");
        int port = url.getPort() > 0 ? url.getPort() : ssl ? 443 : 80;
        String host = url.getHost();
        if (host == null) {
            return CompletableFuture.failedFuture(new UpstreamFailure(UpstreamFailure.Kind.CONNECTION, "the URL has no host"));
        }
        Checked known = checked.get(host);
        if (known != null && Instant.now().isBefore(known.until())) {
            return CompletableFuture.completedFuture(target(url, host, port, ssl, known.address()));
        }
        return vertx.<InetAddress>executeBlocking(() -> {
            List<InetAddress> addresses = policy.resolve(host);
            InetAddress chosen = addresses.get(0);
            checked.put(host, new Checked(chosen, Instant.now().plus(ttl)));
            return chosen;
        }, false).toCompletionStage().toCompletableFuture()
                .handle((address, failure) -> {
                    if (failure != null) {
                        throw failure instanceof RefusedAddressException refused
                                ? new UpstreamFailure(UpstreamFailure.Kind.REFUSED_ADDRESS,
                                        refused.unresolvable() ? "the server's host name does not resolve"
                                                : "the server's address is refused by the outbound URL policy", null, refused)
                                : new UpstreamFailure(UpstreamFailure.Kind.CONNECTION, "the server's host could not be resolved",
                                        null, failure);
                    }
                    return target(url, host, port, ssl, address);
                });
    }

    /** A request to the checked address; the caller sends it. */
    public Future<HttpClientRequest> request(HttpMethod method, Target target, Map<String, String> headers, long idleTimeoutMs) {
        RequestOptions options = new RequestOptions().setMethod(method).setServer(target.server())
                .setHost(target.host()).setPort(target.port()).setSsl(target.ssl()).setURI(target.pathAndQuery())
                .setFollowRedirects(false).setIdleTimeout(idleTimeoutMs);
        headers.forEach(options::putHeader);
        return client().request(options);
    }

    private HttpClient client() {
        return Context.isOnEventLoopThread()
                ? eventLoopClients.computeIfAbsent(Thread.currentThread(), eventLoop -> newHttpClient())
                : http;
    }

    /**
     * The pool lends an idle connection without looking at its age and drops expired ones only when its cleaner runs,
     * so the cleaner runs often enough that no connection is lent much past the idle timeout.
     */
    private HttpClient newHttpClient() {
        return vertx.createHttpClient(httpOptions, new PoolOptions().setHttp1MaxSize(64).setCleanerPeriod(CLEANER_PERIOD_MS));
    }

    /** A WebSocket to the checked address. */
    public Future<WebSocket> webSocket(Target target, Map<String, String> headers) {
        WebSocketConnectOptions options = new WebSocketConnectOptions();
        options.setServer(target.server());
        options.setHost(target.host()).setPort(target.port()).setSsl(target.ssl()).setURI(target.pathAndQuery());
        headers.forEach(options::addHeader);
        return webSockets.connect(options);
    }

    public Vertx vertx() {
        return vertx;
    }

    /** A response body read whole, but never more than {@code limit} bytes of it. */
    public static Future<Buffer> body(HttpClientResponse response, int limit) {
        Buffer body = Buffer.buffer();
        Promise<Buffer> read = Promise.promise();
        response.handler(chunk -> {
            if (body.length() + chunk.length() > limit) {
                read.tryFail(new UpstreamFailure(UpstreamFailure.Kind.TOO_LARGE,
                        "the server's answer is larger than the limit of " + limit + " bytes"));
                response.request().reset();
            } else {
                body.appendBuffer(chunk);
            }
        });
        response.exceptionHandler(read::tryFail);
        response.endHandler(done -> read.tryComplete(body));
        return read.future();
    }

    void close(@Observes ShutdownEvent shutdown) {
        http.close();
        eventLoopClients.values().forEach(HttpClient::close);
        webSockets.close();
    }

    private static Target target(URI url, String host, int port, boolean ssl, InetAddress address) {
        return new Target(url, host, port, ssl, SocketAddress.inetSocketAddress(port, address.getHostAddress()));
    }
}
