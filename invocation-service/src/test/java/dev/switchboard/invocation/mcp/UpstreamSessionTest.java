package dev.switchboard.invocation.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.invocation.McpTestServers;
import dev.switchboard.invocation.config.InvocationConfig;
import dev.switchboard.model.transport.StdioTransport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sessions with a real server over stdio, without the service around them. */
class UpstreamSessionTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path children;

    @Test
    void followsPaginationCursorsToTheWholeToolList() {
        try (UpstreamSession session = open(McpTestServers.FAULTY, Map.of(), 1 << 20)) {
            assertEquals(List.of("refuse", "crash", "big", "read-parent-environment", "read-file"),
                    session.catalog().tools().stream().map(Catalog.Tool::name).toList());
            assertEquals("2025-11-25", session.protocolVersion());
        }
    }

    @Test
    void negotiatesTheOldestProtocolVersionWithAServerThatSpeaksOnlyIt() {
        try (UpstreamSession session = open(McpTestServers.FAULTY, Map.of("PROTOCOL_VERSION", "2024-11-05"), 1 << 20)) {
            assertEquals("2024-11-05", session.protocolVersion());
        }
    }

    @Test
    void failsOnlyTheCallWhoseAnswerIsOverTheMessageLimitAndKeepsTheConnection() {
        try (UpstreamSession session = open(McpTestServers.FAULTY, Map.of(), 64 * 1024)) {
            UpstreamFailure tooLarge = assertThrows(UpstreamFailure.class,
                    () -> answer(session.callTool("big", Map.of("bytes", 200_000), Duration.ofSeconds(10))));
            assertEquals(UpstreamFailure.Kind.TOO_LARGE, tooLarge.kind());
            assertTrue(tooLarge.getMessage().contains("65536 bytes"), tooLarge.getMessage());
            assertEquals("x".repeat(1000), answer(session.callTool("big", Map.of("bytes", 1000), Duration.ofSeconds(10)))
                    .path("content").get(0).path("text").asText());
            assertTrue(session.transport().alive());
        }
    }

    @Test
    void cancelsACallThatTimesOutAndAnswersTheNextOne() {
        try (UpstreamSession session = open(McpTestServers.EVERYTHING, Map.of(), 1 << 20, "stdio")) {
            UpstreamFailure timedOut = assertThrows(UpstreamFailure.class, () -> answer(session.callTool(
                    "trigger-long-running-operation", Map.of("duration", 5, "steps", 5), Duration.ofMillis(300))));
            assertEquals(UpstreamFailure.Kind.TIMEOUT, timedOut.kind());
            assertEquals("hi", answer(session.callTool("echo", Map.of("message", "hi"), Duration.ofSeconds(10)))
                    .path("content").get(0).path("text").asText().replace("Echo: ", ""));
        }
    }

    @Test
    void endsTheServerProcessWhenTheSessionCloses() {
        UpstreamSession session = open(McpTestServers.FAULTY, Map.of("LINGER", "1"), 1 << 20);
        long pid = ((StdioUpstream) session.transport()).pid();
        assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        session.close();
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "the process outlived its session");
        assertFalse(session.transport().alive());
    }

    /** The answer, or the failure it completed with, as a caller that waits sees it. */
    private static JsonNode answer(CompletableFuture<JsonNode> call) {
        try {
            return call.join();
        } catch (CompletionException e) {
            throw UpstreamFailure.of(e, UpstreamFailure.Kind.CONNECTION, "failed");
        }
    }

    private UpstreamSession open(Path script, Map<String, String> env, int maxMessageBytes, String... args) {
        List<String> argv = new ArrayList<>(List.of(script.toString()));
        argv.addAll(List.of(args));
        StdioProcesses processes = new StdioProcesses(stdio());
        return UpstreamSession.open(new StdioUpstream("under-test", new StdioTransport("node", argv, env), processes, JSON,
                maxMessageBytes), JSON, "under-test", Duration.ofSeconds(30), changed -> { });
    }

    private InvocationConfig.Stdio stdio() {
        return new InvocationConfig.Stdio() {
            @Override
            public Optional<String> runAs() {
                return Optional.empty();
            }

            @Override
            public Optional<Path> home() {
                return Optional.empty();
            }

            @Override
            public Path childrenDirectory() {
                return children;
            }

            @Override
            public boolean confine() {
                return true;
            }
        };
    }
}
