package dev.switchboard.invocation.mcp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a byte stream into newline-delimited messages, none longer than a limit: a longer one is skipped to its
 * end without being held, and only its beginning and end are kept, to tell which request it answered (serializers
 * put the id first or last).
 */
final class MessageLines {

    /** What to do with each line. */
    interface Sink {
        void line(byte[] bytes, int length);

        void oversized(Long id);
    }

    private static final int PREFIX = 256;
    private static final int TAIL = 64;
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"?(\\d+)");

    private final InputStream in;
    private final int limit;
    private byte[] line = new byte[8192];
    private int length;
    private boolean skipping;
    private final byte[] tail = new byte[TAIL];
    private int tailLength;

    MessageLines(InputStream in, int limit) {
        this.in = in;
        this.limit = limit;
    }

    /** Reads until the stream ends. */
    void pump(Sink sink) throws IOException {
        byte[] chunk = new byte[65536];
        int read;
        while ((read = in.read(chunk)) >= 0) {
            int start = 0;
            for (int i = 0; i < read; i++) {
                if (chunk[i] == '\n') {
                    append(chunk, start, i - start);
                    finish(sink);
                    start = i + 1;
                }
            }
            append(chunk, start, read - start);
        }
    }

    private void append(byte[] chunk, int from, int count) {
        if (count == 0) {
            return;
        }
        if (skipping) {
            keepTail(chunk, from, count);
            return;
        }
        if (length + count > limit) {
            skipping = true;
            int keep = Math.max(0, Math.min(count, PREFIX - length));
            ensure(length + keep);
            System.arraycopy(chunk, from, line, length, keep);
            length += keep;
            keepTail(chunk, from, count);
            return;
        }
        ensure(length + count);
        System.arraycopy(chunk, from, line, length, count);
        length += count;
    }

    private void finish(Sink sink) {
        if (skipping) {
            Matcher id = ID.matcher(new String(line, 0, Math.min(length, PREFIX), StandardCharsets.UTF_8) + " "
                    + new String(tail, 0, tailLength, StandardCharsets.UTF_8));
            sink.oversized(id.find() ? Long.valueOf(id.group(1)) : null);
        } else if (length > 0) {
            sink.line(line, length);
        }
        skipping = false;
        length = 0;
        tailLength = 0;
        if (line.length > 65536) {
            line = new byte[8192];
        }
    }

    /** The last bytes seen of a message being skipped. */
    private void keepTail(byte[] chunk, int from, int count) {
        if (count >= TAIL) {
            System.arraycopy(chunk, from + count - TAIL, tail, 0, TAIL);
            tailLength = TAIL;
            return;
        }
        int kept = Math.min(tailLength, TAIL - count);
        System.arraycopy(tail, tailLength - kept, tail, 0, kept);
        System.arraycopy(chunk, from, tail, kept, count);
        tailLength = kept + count;
    }

    private void ensure(int capacity) {
        if (capacity > line.length) {
            line = Arrays.copyOf(line, Math.max(capacity, line.length * 2));
        }
    }
}
