package dev.switchboard.invocation.mcp;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Writes lines to a process's stdin on a thread of its own, so that a caller on an event loop never waits for a pipe
 * that a busy or stuck server does not drain. What waits is bounded in bytes: past the bound, a write fails at once
 * instead of piling up in memory. Lines queued together are flushed together.
 */
final class LineWriter {

    private static final Logger LOG = Logger.getLogger(LineWriter.class);
    private static final byte[] END = new byte[0];

    private final String serverName;
    private final OutputStream out;
    private final long maxQueuedBytes;
    private final BlockingQueue<byte[]> queue = new LinkedBlockingQueue<>();
    private final AtomicLong queuedBytes = new AtomicLong();
    private volatile boolean failed;

    LineWriter(String serverName, OutputStream out, long maxQueuedBytes) {
        this.serverName = serverName;
        this.out = out;
        this.maxQueuedBytes = maxQueuedBytes;
        Thread thread = new Thread(this::drain, "stdin-" + serverName);
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues {@code line} (which ends with its newline); fails at once when the process no longer takes input. */
    CompletableFuture<Void> write(byte[] line) {
        if (failed) {
            return CompletableFuture.failedFuture(new UpstreamFailure(UpstreamFailure.Kind.CONNECTION,
                    "the server's process no longer reads its input"));
        }
        if (queuedBytes.addAndGet(line.length) > maxQueuedBytes) {
            queuedBytes.addAndGet(-line.length);
            return CompletableFuture.failedFuture(new UpstreamFailure(UpstreamFailure.Kind.CONNECTION,
                    "the server's process is not reading its input"));
        }
        queue.add(line);
        return CompletableFuture.completedFuture(null);
    }

    /** Writes what is queued, then closes stdin, which tells a well-behaved server to exit. */
    void close() {
        queue.add(END);
    }

    private void drain() {
        try {
            while (true) {
                byte[] line = queue.take();
                while (line != null) {
                    if (line == END) {
                        out.close();
                        return;
                    }
                    out.write(line);
                    queuedBytes.addAndGet(-line.length);
                    line = queue.poll();
                }
                out.flush();
            }
        } catch (IOException e) {
            failed = true;
            LOG.debugf("[%s] writing to stdin failed: %s", serverName, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
