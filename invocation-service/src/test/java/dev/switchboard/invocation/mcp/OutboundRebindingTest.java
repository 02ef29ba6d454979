package dev.switchboard.invocation.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.switchboard.platform.net.OutboundUrlPolicy;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * DNS rebinding, for real: a host name that resolved to a public address when it was checked resolves to loopback a
 * moment later. This test runs in a JVM of its own whose name service reads a hosts file that the test rewrites
 * ({@code jdk.net.hosts.file}, no caching), and whose Vert.x resolves through the JDK.
 */
class OutboundRebindingTest {

    private static final Path HOSTS = Path.of(System.getProperty("jdk.net.hosts.file", "target/rebinding-hosts"));

    private Vertx vertx;
    private HttpServer internal;
    private final AtomicInteger reached = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        internal = LoopbackHttpServer.serve("/", exchange -> {
            reached.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
    }

    @AfterEach
    void stop() {
        internal.stop(0);
        vertx.close();
    }

    @Test
    void connectsToTheAddressThatWasCheckedNotToWhatTheNameResolvesToLater() throws Exception {
        Files.writeString(HOSTS, "192.0.2.1 rebinding.test\n");
        OutboundHttp http = new OutboundHttp(vertx, new OutboundUrlPolicy(false), Duration.ofMinutes(1), 1000, 1 << 20,
                Duration.ofMinutes(1));
        URI url = URI.create("http://rebinding.test:" + internal.getAddress().getPort() + "/mcp");

        OutboundHttp.Target target = http.target(url).get(10, TimeUnit.SECONDS);
        Files.writeString(HOSTS, "127.0.0.1 rebinding.test\n");
        assertEquals("127.0.0.1", InetAddress.getByName("rebinding.test").getHostAddress(), "the name now points inside");

        assertThrows(ExecutionException.class, () -> http.request(HttpMethod.GET, target, Map.of(), 1000)
                .compose(request -> request.send()).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS));
        assertEquals(0, reached.get(), "the request reached the internal server");
    }

    @Test
    void refusesTheNameWhenItIsCheckedAgainAndNowPointsInside() throws Exception {
        Files.writeString(HOSTS, "127.0.0.1 rebinding.test\n");
        OutboundHttp http = new OutboundHttp(vertx, new OutboundUrlPolicy(false), Duration.ZERO, 1000, 1 << 20,
                Duration.ofMinutes(1));
        URI url = URI.create("http://rebinding.test:" + internal.getAddress().getPort() + "/mcp");

        ExecutionException refused = assertThrows(ExecutionException.class, () -> http.target(url).get(10, TimeUnit.SECONDS));
        UpstreamFailure failure = UpstreamFailure.of(refused, UpstreamFailure.Kind.CONNECTION, "");
        assertEquals(UpstreamFailure.Kind.REFUSED_ADDRESS, failure.kind());
        assertTrue(failure.getMessage().contains("refused by the outbound URL policy"), failure.getMessage());
        assertEquals(0, reached.get());
    }
}
