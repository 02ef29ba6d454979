package dev.switchboard.invocation;

import static org.awaitility.Awaitility.await;

import dev.switchboard.localstack.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The real MCP servers that Maven installed from {@code src/test/mcp-servers} (package-lock.json), started as their
 * users start them, listening on 127.0.0.1 only. Each is stopped by the process id this class started.
 */
public final class McpTestServers {

    public static final Path DIR = Path.of("src/test/mcp-servers").toAbsolutePath();
    public static final Path EVERYTHING = DIR.resolve("node_modules/@modelcontextprotocol/server-everything/dist/index.js");
    public static final Path MEMORY = DIR.resolve("node_modules/@modelcontextprotocol/server-memory/dist/index.js");
    /** A stdio server whose tool {@code grow} adds a tool and announces it with {@code list_changed}. */
    public static final Path CHANGING = DIR.resolve("changing-server.mjs");
    /** A stdio server whose tool {@code query} mirrors {@code region}, {@code limit} and {@code filter.owner} into headers. */
    public static final Path HEADERS = DIR.resolve("header-server.mjs");
    /**
     * A stdio server whose tool {@code refuse} answers with a JSON-RPC error and {@code crash} exits mid-call; with
     * {@code PROTOCOL_VERSION} in its environment it speaks only that version, and with {@code LINGER} it outlives
     * its stdin. It writes a line to stderr when ready.
     */
    public static final Path FAULTY = DIR.resolve("faulty-server.mjs");
    public static final Path SUPERGATEWAY = DIR.resolve("node_modules/supergateway/dist/index.js");
    private static final Path LOCALHOST_ONLY = DIR.resolve("bind-localhost.cjs");

    private McpTestServers() {
    }

    /** A server over the network, and the process that serves it. */
    public record Running(Process process, int port) implements AutoCloseable {

        public String url(String path) {
            return "http://127.0.0.1:" + port + path;
        }

        /** Freezes the server as a hung one would be: its sockets stay open, and nothing answers on them. */
        public void suspend() {
            signal(process.pid(), "STOP");
        }

        public void resume() {
            signal(process.pid(), "CONT");
        }

        @Override
        public void close() {
            process.descendants().forEach(ProcessHandle::destroy);
            stop(process, 5);
        }
    }

    /** SIGTERM, and SIGKILL if the process has not ended {@code graceSeconds} later. */
    static void stop(Process process, int graceSeconds) {
        process.destroy();
        try {
            if (!process.waitFor(graceSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** The everything server in its {@code sse} or {@code streamableHttp} mode. */
    public static Running everything(String mode) {
        int port = freePort();
        List<String> command = List.of("node", "--require", LOCALHOST_ONLY.toString(), EVERYTHING.toString(), mode);
        return start(command, port, "everything-" + mode, Map.of());
    }

    /**
     * The fixture server that checks credentials ({@code secured-server.mjs}): an API key {@code test-api-key} in
     * {@code X-Api-Key} with the prefix {@code Token}, the bearer token {@code test-bearer}, and client credentials
     * {@code test-client}/{@code test-secret} at {@code /token}.
     */
    public static Running secured() {
        int port = freePort();
        List<String> command = List.of("node", "--require", LOCALHOST_ONLY.toString(), DIR.resolve("secured-server.mjs").toString());
        return start(command, port, "secured", Map.of("API_KEY", "test-api-key", "BEARER", "test-bearer",
                "CLIENT_ID", "test-client", "CLIENT_SECRET", "test-secret"));
    }

    /** The everything server over stdio, bridged to a WebSocket by supergateway. */
    public static Running everythingOverWebSocket() {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of("node", "--require", LOCALHOST_ONLY.toString(), SUPERGATEWAY.toString(),
                "--stdio", "node " + EVERYTHING + " stdio", "--outputTransport", "ws", "--port", String.valueOf(port),
                "--logLevel", "info"));
        return start(command, port, "supergateway-ws", Map.of());
    }

    /** Output goes to {@code target/<log>-<port>.log}, for when a test needs explaining. */
    private static Running start(List<String> command, int port, String log, Map<String, String> env) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(Path.of("target", log + "-" + port + ".log").toFile());
            builder.environment().put("PORT", String.valueOf(port));
            builder.environment().putAll(env);
            Process process = builder.start();
            Running running = new Running(process, port);
            awaitListening(running);
            return running;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + command, e);
        }
    }

    private static void awaitListening(Running running) {
        try {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
                if (!running.process().isAlive()) {
                    throw new IllegalStateException("The test MCP server exited with " + running.process().exitValue());
                }
                try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), running.port())) {
                    return true;
                } catch (IOException notYet) {
                    return false;
                }
            });
        } catch (ConditionTimeoutException silent) {
            running.close();
            throw new IllegalStateException("The test MCP server did not listen on " + running.port() + " within 30 s");
        }
    }

    /** Sends a signal such as {@code STOP} or {@code CONT} to a process this JVM started. */
    public static void signal(long pid, String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(pid)).inheritIO().start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + pid + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static int freePort() {
        return FreePorts.find();
    }
}
