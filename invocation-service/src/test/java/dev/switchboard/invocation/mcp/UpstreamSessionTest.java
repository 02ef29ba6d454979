package dev.switchboard.invocation.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.invocation.McpTestServers;
import dev.switchboard.model.transport.StdioTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Discovery against a real server, without the service around it. */
class UpstreamSessionTest {

    @Test
    void followsPaginationCursorsToTheWholeToolList() {
        var transport = new SupervisedStdioTransport("paged",
                new StdioTransport("node", List.of(McpTestServers.FAULTY.toString()), Map.of()),
                new JacksonMcpJsonMapper(new ObjectMapper()));
        try (UpstreamSession session = UpstreamSession.open(transport, Duration.ofSeconds(30), changed -> { })) {
            assertEquals(List.of("refuse", "crash"), session.catalog().tools().stream().map(McpSchema.Tool::name).toList());
        }
    }
}
