package dev.switchboard.invocation.mcp;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.sun.net.httpserver.HttpServer;
import dev.switchboard.platform.net.OutboundUrlPolicy;
import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Outbound requests against a keep-alive server on loopback that notes which connection each request came on. */
class OutboundHttpTest {

    private final List<Integer> clientPorts = new CopyOnWriteArrayList<>();
    private Vertx vertx;
    private HttpServer server;

    @BeforeEach
    void start() throws IOException {
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
        server = LoopbackHttpServer.serve("/", exchange -> {
            clientPorts.add(exchange.getRemoteAddress().getPort());
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
    }

    @AfterEach
    void stop() {
        server.stop(0);
        vertx.close();
    }

    @Test
    void sendsEachEventLoopsRequestsOnConnectionsOfThatEventLoop() throws Exception {
        OutboundHttp http = outbound(Duration.ofMinutes(1));
        OutboundHttp.Target target = target(http, server.getAddress().getPort());
        Context first = newContext();
        Context second = newContext();
        assertNotEquals(threadOf(first), threadOf(second), "the two contexts run on different event loops");

        for (Context context : List.of(first, second, first, second)) {
            call(http, target, context);
        }

        assertEquals(clientPorts.get(0), clientPorts.get(2), "the first event loop kept its connection");
        assertEquals(clientPorts.get(1), clientPorts.get(3), "the second event loop kept its connection");
        assertNotEquals(clientPorts.get(0), clientPorts.get(1), "the second event loop borrowed the first one's connection");
    }

    @Test
    void letsAConnectionIdleForLongerThanItsTimeoutGoBeforeTheServerDoes() throws Exception {
        List<Integer> ports = new CopyOnWriteArrayList<>();
        Set<Integer> closedByTheClient = ConcurrentHashMap.newKeySet();
        // A Vert.x server never closes an idle connection itself (no idle timeout), so every close it sees is the client's.
        io.vertx.core.http.HttpServer keeper = vertx.createHttpServer()
                .connectionHandler(connection -> {
                    int port = connection.remoteAddress().port();
                    connection.closeHandler(closed -> closedByTheClient.add(port));
                })
                .requestHandler(request -> {
                    ports.add(request.remoteAddress().port());
                    request.response().setStatusCode(204).end();
                })
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        try {
            OutboundHttp http = outbound(Duration.ofSeconds(1));
            OutboundHttp.Target target = target(http, keeper.actualPort());
            Context context = newContext();

            call(http, target, context);
            call(http, target, context);
            assertEquals(ports.get(0), ports.get(1), "a connection used a moment ago is used again");

            await().atMost(Duration.ofSeconds(10)).until(() -> closedByTheClient.contains(ports.get(1)));
            call(http, target, context);
            assertNotEquals(ports.get(1), ports.get(2), "a connection let go is not lent again");
        } finally {
            keeper.close();
        }
    }

    private OutboundHttp outbound(Duration idleConnectionTimeout) {
        return new OutboundHttp(vertx, new OutboundUrlPolicy(true), Duration.ofMinutes(1), 1000, 1 << 20, idleConnectionTimeout);
    }

    private static OutboundHttp.Target target(OutboundHttp http, int port) throws Exception {
        return http.target(URI.create("http://127.0.0.1:" + port + "/")).get(10, TimeUnit.SECONDS);
    }

    private static void call(OutboundHttp http, OutboundHttp.Target target, Context context) throws Exception {
        Promise<Integer> answered = Promise.promise();
        context.runOnContext(ignored -> http.request(HttpMethod.GET, target, Map.of(), 1000)
                .compose(HttpClientRequest::send)
                .compose(response -> response.body().map(body -> response.statusCode()))
                .onComplete(answered));
        assertEquals(204, answered.future().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS));
    }

    /** Vert.x keeps one context per outside thread, and gives each new one the next event loop. */
    private Context newContext() throws Exception {
        CompletableFuture<Context> created = new CompletableFuture<>();
        new Thread(() -> created.complete(vertx.getOrCreateContext())).start();
        return created.get(10, TimeUnit.SECONDS);
    }

    private static Thread threadOf(Context context) throws Exception {
        Promise<Thread> thread = Promise.promise();
        context.runOnContext(ignored -> thread.complete(Thread.currentThread()));
        return thread.future().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
