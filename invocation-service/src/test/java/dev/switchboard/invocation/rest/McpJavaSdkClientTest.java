package dev.switchboard.invocation.rest;

import static dev.switchboard.invocation.Registry.awaitState;
import static dev.switchboard.invocation.Registry.createKey;
import static dev.switchboard.invocation.Registry.createServer;
import static dev.switchboard.invocation.Registry.createTenant;
import static dev.switchboard.invocation.Registry.stdioEverything;
import static dev.switchboard.invocation.Registry.uniqueName;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.switchboard.invocation.Registry;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code /mcp} driven by the official MCP Java SDK's client over Streamable HTTP, with a key narrowed to one tool. */
@QuarkusTest
class McpJavaSdkClientTest {

    @TestHTTPResource("/")
    URL base;

    @Test
    void theJavaSdkListsAndCallsWhatItsKeyAllows() {
        String tenant = createTenant(uniqueName("java-sdk"));
        String name = uniqueName("java-sdk");
        String id = createServer(stdioEverything(name).replace("{\"name\"", "{\"tenantId\":\"" + tenant + "\",\"name\""));
        try {
            awaitState(id, "connected");
            String key = createKey("user", tenant, List.of(name + "/echo")).secret();
            HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport
                    .builder(base.toString().replaceAll("/$", "")).endpoint("/mcp")
                    .requestBuilder(HttpRequest.newBuilder().header("X-API-Key", key)).build();
            try (McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(30)).build()) {
                McpSchema.InitializeResult initialized = client.initialize();
                assertEquals("switchboard", initialized.serverInfo().name());

                assertEquals(List.of(name + "__echo"), client.listTools().tools().stream().map(McpSchema.Tool::name).toList());
                McpSchema.CallToolResult echoed = client.callTool(new McpSchema.CallToolRequest(name + "__echo",
                        Map.of("message", "from java")));
                assertFalse(Boolean.TRUE.equals(echoed.isError()));
                assertEquals("Echo: from java", ((McpSchema.TextContent) echoed.content().get(0)).text());

                assertThrows(McpError.class, () -> client.callTool(new McpSchema.CallToolRequest(name + "__get-sum",
                        Map.of("a", 1, "b", 2))));
            }
        } finally {
            Registry.deleteServer(id);
        }
    }
}
