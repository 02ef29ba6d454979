package dev.switchboard.invocation.mcp;

import dev.switchboard.model.transport.StdioTransport;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.lang.reflect.Field;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import reactor.core.publisher.Mono;

/**
 * The SDK's stdio transport, held on a shorter leash: the process starts from an empty environment (the SDK then
 * adds the configured env and a few login variables such as PATH and HOME, never the service's own secrets), its
 * stderr goes to the log under the server's name, and ending it ends the whole process tree it started.
 */
@RegisterForReflection(targets = StdioClientTransport.class, fields = true)
public class SupervisedStdioTransport extends StdioClientTransport implements Supervised {

    private static final Logger LOG = Logger.getLogger("dev.switchboard.invocation.upstream.stderr");
    private static final long GRACE_MILLIS = 2_000;
    /** The SDK keeps the process to itself; looked up once. */
    private static final Field PROCESS = processField();

    private final Object sending = new Object();

    public SupervisedStdioTransport(String serverName, StdioTransport config, McpJsonMapper json) {
        super(ServerParameters.builder(config.command()).args(config.args()).env(config.env()).build(), json);
        setStdErrorHandler(line -> LOG.infof("[%s] %s", serverName, line));
    }

    /**
     * The SDK writes to the process through a sink that must be fed one message at a time; under many concurrent
     * calls its own retry gives up, so sends take turns here.
     */
    @Override
    public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
        synchronized (sending) {
            return super.sendMessage(message);
        }
    }

    @Override
    protected ProcessBuilder getProcessBuilder() {
        ProcessBuilder builder = super.getProcessBuilder();
        builder.environment().clear();
        return builder;
    }

    /** The running process, once {@code connect} started it; asked on every supervisor pass. */
    public Optional<ProcessHandle> process() {
        try {
            return Optional.ofNullable((Process) PROCESS.get(this)).map(Process::toHandle);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("The MCP SDK's stdio process cannot be read", e);
        }
    }

    private static Field processField() {
        try {
            Field field = StdioClientTransport.class.getDeclaredField("process");
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("This MCP SDK keeps its stdio process elsewhere", e);
        }
    }

    /** Whether the process still runs; before {@code connect} there is none, which does not count as dead. */
    @Override
    public boolean alive() {
        return process().map(ProcessHandle::isAlive).orElse(true);
    }

    @Override
    public String lossReason() {
        return "the server's process exited";
    }

    /** Ends the process and everything it started: politely first, then by force after a grace period. */
    public void terminate() {
        process().ifPresent(root -> {
            var tree = root.descendants().toList();
            tree.forEach(ProcessHandle::destroy);
            root.destroy();
            try {
                root.onExit().get(GRACE_MILLIS, TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                root.destroyForcibly();
            }
            tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        });
    }
}
