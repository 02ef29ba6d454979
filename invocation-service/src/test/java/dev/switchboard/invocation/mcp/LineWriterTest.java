package dev.switchboard.invocation.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** Writes to real processes' stdin: one that echoes it back, one that never reads it. */
class LineWriterTest {

    @Test
    void writesLinesInOrderAndClosesStdinAfterTheLastOne() throws Exception {
        Process cat = new ProcessBuilder("cat").start();
        try (BufferedReader echoed = new BufferedReader(new InputStreamReader(cat.getInputStream(), StandardCharsets.UTF_8))) {
            LineWriter writer = new LineWriter("under-test", cat.getOutputStream(), 1024);
            for (int i = 0; i < 50; i++) {
                writer.write(("line " + i + "\n").getBytes(StandardCharsets.UTF_8)).join();
            }
            writer.close();
            for (int i = 0; i < 50; i++) {
                assertEquals("line " + i, echoed.readLine());
            }
            assertNull(echoed.readLine(), "stdin was not closed after the last line");
        } finally {
            cat.destroyForcibly();
        }
    }

    @Test
    void refusesAWriteAtOnceWhenTheProcessDoesNotReadAndTheQueueIsFull() throws Exception {
        Process sleeper = new ProcessBuilder("sleep", "60").start();
        try {
            LineWriter writer = new LineWriter("under-test", sleeper.getOutputStream(), 256 * 1024);
            byte[] line = new byte[16 * 1024];
            Arrays.fill(line, (byte) 'x');
            line[line.length - 1] = '\n';
            CompletableFuture<Void> refused = null;
            // 1.6 MB: more than the pipe's buffer and the queue's bound together, so a write must be refused.
            for (int i = 0; i < 100 && refused == null; i++) {
                CompletableFuture<Void> written = writer.write(line);
                if (written.isCompletedExceptionally()) {
                    refused = written;
                }
            }
            assertNotNull(refused, "every write was queued although the process reads nothing");
            CompletionException failure = assertThrows(CompletionException.class, refused::join);
            assertTrue(failure.getCause() instanceof UpstreamFailure, String.valueOf(failure.getCause()));
            assertEquals("the server's process is not reading its input", failure.getCause().getMessage());
        } finally {
            sleeper.destroyForcibly();
        }
    }
}
