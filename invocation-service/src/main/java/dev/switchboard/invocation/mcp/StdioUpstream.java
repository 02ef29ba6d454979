package dev.switchboard.invocation.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.model.transport.StdioTransport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * MCP over a process's stdin and stdout, one JSON-RPC message per line. A thread reads stdout and hands each message
 * on; another logs stderr under the server's name; a third writes what callers queue (see {@link LineWriter}).
 */
final class StdioUpstream implements UpstreamTransport {

    private static final Logger STDERR = Logger.getLogger("dev.switchboard.invocation.upstream.stderr");
    private static final Logger LOG = Logger.getLogger(StdioUpstream.class);
    private static final int STDERR_LINE_LIMIT = 8192;

    private final String serverName;
    private final StdioTransport config;
    private final StdioProcesses processes;
    private final ObjectMapper json;
    private final int maxMessageBytes;
    private volatile Process process;
    private volatile LineWriter stdin;
    private volatile boolean ending;

    StdioUpstream(String serverName, StdioTransport config, StdioProcesses processes, ObjectMapper json, int maxMessageBytes) {
        this.serverName = serverName;
        this.config = config;
        this.processes = processes;
        this.json = json;
        this.maxMessageBytes = maxMessageBytes;
    }

    @Override
    public void start(Inbound inbound) {
        process = processes.start(serverName, config);
        stdin = new LineWriter(serverName, process.getOutputStream(), maxMessageBytes);
        daemon("stdio-" + serverName, () -> read(inbound));
        daemon("stderr-" + serverName, this::logStderr);
    }

    @Override
    public CompletableFuture<Void> send(ObjectNode message) {
        LineWriter writer = stdin;
        if (writer == null) {
            return CompletableFuture.failedFuture(new UpstreamFailure(UpstreamFailure.Kind.CONNECTION, "not started"));
        }
        try {
            byte[] body = json.writeValueAsBytes(message);
            byte[] line = Arrays.copyOf(body, body.length + 1);
            line[body.length] = '\n';
            return writer.write(line);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** The process's id, once started. */
    long pid() {
        return process.pid();
    }

    @Override
    public boolean alive() {
        Process running = process;
        return running == null || running.isAlive();
    }

    @Override
    public String lossReason() {
        Process running = process;
        return running != null && !running.isAlive() ? "the server's process exited with " + running.exitValue()
                : "the server's process exited";
    }

    /** Closes stdin, which tells a well-behaved server to exit, then ends whatever is left of its process group. */
    @Override
    public void close() {
        Process running = process;
        if (running == null) {
            return;
        }
        ending = true;
        try {
            stdin.close();
            running.waitFor(Duration.ofMillis(500).toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        processes.end(running);
    }

    @Override
    public void abandon() {
        Process running = process;
        if (running != null) {
            ending = true;
            stdin.close();
            processes.kill(running);
        }
    }

    private void read(Inbound inbound) {
        try {
            new MessageLines(process.getInputStream(), maxMessageBytes).pump(new MessageLines.Sink() {
                @Override
                public void line(byte[] bytes, int length) {
                    JsonNode message;
                    try {
                        message = json.readTree(bytes, 0, length);
                    } catch (IOException e) {
                        LOG.debugf("[%s] ignored a line on stdout that is not JSON", serverName);
                        return;
                    }
                    inbound.message(message);
                }

                @Override
                public void oversized(Long id) {
                    inbound.oversized(id, maxMessageBytes);
                }
            });
        } catch (IOException e) {
            if (!ending) {
                LOG.debugf("[%s] reading stdout failed: %s", serverName, e.getMessage());
            }
        }
        stdin.close();
        inbound.closed(lossReason());
    }

    /** Line by line, each cut at a length a log can take, so that a server cannot fill the service's memory here. */
    private void logStderr() {
        try {
            new MessageLines(process.getErrorStream(), STDERR_LINE_LIMIT).pump(new MessageLines.Sink() {
                @Override
                public void line(byte[] bytes, int length) {
                    STDERR.infof("[%s] %s", serverName, new String(bytes, 0, length, StandardCharsets.UTF_8));
                }

                @Override
                public void oversized(Long id) {
                    STDERR.infof("[%s] (a line longer than %d bytes)", serverName, STDERR_LINE_LIMIT);
                }
            });
        } catch (IOException e) {
            // The process ended.
        }
    }

    private static void daemon(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
    }
}
