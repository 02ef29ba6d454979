package dev.switchboard.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The cost of the hop: {@code tools/call} of the everything server's {@code echo}, at 1 and 16 concurrent clients,
 * three ways in one run against the same upstream program (everything over stdio): directly with the MCP Java SDK,
 * through Switchboard's {@code POST /api/tools/{name}/invoke}, and through supergateway exposing it as Streamable
 * HTTP. Each way first warms up, then every client makes {@code perClient} calls.
 */
public final class InvocationHopBench {

    private static final Path SERVERS = Path.of("invocation-service/src/test/mcp-servers/node_modules");
    private static final Path EVERYTHING = SERVERS.resolve("@modelcontextprotocol/server-everything/dist/index.js").toAbsolutePath();
    private static final Path SUPERGATEWAY = SERVERS.resolve("supergateway/dist/index.js").toAbsolutePath();
    private static final Path LOCALHOST_ONLY = Path.of("invocation-service/src/test/mcp-servers/bind-localhost.cjs").toAbsolutePath();
    private static final int WARMUP = 200;

    public static void main(String[] args) throws Exception {
        int perClient = Integer.parseInt(args.length > 0 ? args[0] : "500");
        String registry = BenchSupport.env("SWITCHBOARD_REGISTRY_URL", "http://127.0.0.1:8081");
        String invocation = BenchSupport.env("SWITCHBOARD_INVOCATION_URL", "http://127.0.0.1:8082");
        Path keys = Path.of(BenchSupport.env("SWITCHBOARD_KEYS", ".switchboard/keys"));
        String admin = BenchSupport.token(keys, "admin", null);
        JacksonMcpJsonMapper json = new JacksonMcpJsonMapper(new ObjectMapper());
        McpSchema.CallToolRequest echo = new McpSchema.CallToolRequest("echo", Map.of("message", "bench"));

        McpSyncClient direct = McpClient.sync(new StdioClientTransport(ServerParameters.builder("node")
                .args(EVERYTHING.toString(), "stdio").build(), json)).requestTimeout(Duration.ofSeconds(30)).build();
        direct.initialize();
        report("direct (SDK over stdio)", perClient, () -> direct.callTool(echo));
        direct.closeGracefully();

        String name = "bench-hop-" + Long.toString(System.currentTimeMillis(), 36);
        String serverId = registerStdioServer(registry, admin, name);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        awaitConnected(http, invocation, admin, serverId);
        HttpRequest invoke = HttpRequest.newBuilder(URI.create(invocation + "/api/tools/" + name + "__echo/invoke"))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"arguments\":{\"message\":\"bench\"}}")).build();
        report("Switchboard (REST invoke, upstream stdio)", perClient, () -> send(http, invoke));
        http.send(HttpRequest.newBuilder(URI.create(registry + "/api/servers/" + serverId)).header("Authorization", "Bearer " + admin)
                .DELETE().build(), HttpResponse.BodyHandlers.discarding());

        int port = freePort();
        Process gateway = new ProcessBuilder("node", "--require", LOCALHOST_ONLY.toString(), SUPERGATEWAY.toString(),
                "--stdio", "node " + EVERYTHING + " stdio", "--outputTransport", "streamableHttp", "--stateful",
                "--port", String.valueOf(port), "--logLevel", "none").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            awaitListening(port);
            McpSyncClient proxied = McpClient.sync(HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + port)
                    .endpoint("/mcp").jsonMapper(json).build()).requestTimeout(Duration.ofSeconds(30)).build();
            proxied.initialize();
            report("supergateway (Streamable HTTP, upstream stdio)", perClient, () -> proxied.callTool(echo));
            proxied.closeGracefully();
        } finally {
            gateway.descendants().forEach(ProcessHandle::destroy);
            gateway.destroy();
        }
    }

    private static void report(String way, int perClient, Supplier<Object> call) throws Exception {
        for (int i = 0; i < WARMUP; i++) {
            call.get();
        }
        for (int clients : new int[] {1, 16}) {
            BenchSupport.Load load = BenchSupport.concurrently(clients, perClient, call::get);
            long[] samples = load.samples();
            double seconds = load.seconds();
            long[] sorted = BenchSupport.sorted(samples);
            System.out.printf("%-48s clients=%2d calls=%5d throughput=%6.0f/s p50=%6.2fms p99=%7.2fms%n", way, clients,
                    samples.length, samples.length / seconds, BenchSupport.percentile(sorted, 0.5),
                    BenchSupport.percentile(sorted, 0.99));
        }
    }

    private static String registerStdioServer(String registry, String admin, String name) throws Exception {
        String body = "{\"name\":\"" + name + "\",\"transport\":{\"type\":\"stdio\",\"command\":\"node\","
                + "\"args\":[\"" + EVERYTHING + "\",\"stdio\"]}}";
        HttpResponse<String> created = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(registry + "/api/servers"))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() != 201) {
            throw new IllegalStateException("registering the server failed: " + created.body());
        }
        return new ObjectMapper().readTree(created.body()).at("/data/id").asText();
    }

    private static void awaitConnected(HttpClient http, String invocation, String admin, String serverId) throws Exception {
        HttpRequest status = HttpRequest.newBuilder(URI.create(invocation + "/api/connections/" + serverId))
                .header("Authorization", "Bearer " + admin).build();
        for (int i = 0; i < 600; i++) {
            HttpResponse<String> answer = http.send(status, HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() == 200 && answer.body().contains("\"state\":\"connected\"")) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the server did not connect within a minute");
    }

    private static Object send(HttpClient http, HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(response.statusCode() + ": " + response.body());
            }
            return response;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void awaitListening(int port) throws Exception {
        for (int i = 0; i < 300; i++) {
            try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (Exception notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("supergateway did not listen on " + port);
    }
}
