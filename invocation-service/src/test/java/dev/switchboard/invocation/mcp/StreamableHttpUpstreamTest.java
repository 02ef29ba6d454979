package dev.switchboard.invocation.mcp;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.switchboard.model.auth.NoAuth;
import dev.switchboard.platform.net.OutboundUrlPolicy;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Streamable HTTP transport against a server on loopback that answers each POST with an event stream whose events
 * carry ids, and ends its GET stream after one event, so that the transport has to resume it.
 */
class StreamableHttpUpstreamTest {

    private static final String NO_HEADER = "(none)";

    private final ObjectMapper json = new ObjectMapper();
    private final List<String> resumedFrom = new CopyOnWriteArrayList<>();
    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private Vertx vertx;
    private HttpServer server;

    @BeforeEach
    void start() throws IOException {
        vertx = Vertx.vertx();
        server = LoopbackHttpServer.serve("/mcp", this::answer);
    }

    @AfterEach
    void stop() {
        server.stop(0);
        vertx.close();
    }

    @Test
    void resumesTheListeningStreamFromItsOwnEventsNeverFromAnAnswersStream() throws Exception {
        StreamableHttpUpstream upstream = new StreamableHttpUpstream("test",
                URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/mcp"),
                new UpstreamCredentials(Map.of(), new NoAuth(), null),
                new OutboundHttp(vertx, new OutboundUrlPolicy(true), Duration.ofMinutes(1), 1000, 1 << 20,
                        Duration.ofMinutes(1)), json, 1 << 20);
        upstream.start(new UpstreamTransport.Inbound() {
            @Override
            public void message(JsonNode message) {
                received.add(message);
            }

            @Override
            public void oversized(Long id, long limit) {
            }

            @Override
            public void closed(String reason) {
            }
        });

        upstream.send(json.createObjectNode().put("jsonrpc", "2.0").put("id", 1).put("method", "initialize"))
                .get(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 1);
        upstream.initialized("2025-11-25");
        await().atMost(Duration.ofSeconds(10)).until(() -> resumedFrom.size() >= 2);
        upstream.close();

        assertEquals(List.of(NO_HEADER, "listening-1"), resumedFrom.subList(0, 2),
                "the first GET resumes nothing; the second resumes the GET stream, not the answer's stream (answer-1)");
    }

    private void answer(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        exchange.getResponseHeaders().add("Mcp-Session-Id", "session-1");
        switch (exchange.getRequestMethod()) {
            case "POST" -> stream(exchange, "id: answer-1\nevent: message\ndata: {\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}\n\n");
            case "GET" -> {
                String lastEventId = exchange.getRequestHeaders().getFirst("Last-Event-ID");
                resumedFrom.add(lastEventId == null ? NO_HEADER : lastEventId);
                stream(exchange, "id: listening-" + resumedFrom.size()
                        + "\nevent: message\ndata: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/tools/list_changed\"}\n\n");
            }
            default -> {
                exchange.sendResponseHeaders(202, -1);
                exchange.close();
            }
        }
    }

    private static void stream(HttpExchange exchange, String events) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream body = exchange.getResponseBody()) {
            body.write(events.getBytes(StandardCharsets.UTF_8));
        }
    }
}
