package dev.switchboard.invocation.mcp;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a {@code text/event-stream} as it arrives, chunk by chunk, into events (the HTML Standard's rules for
 * {@code event}, {@code data}, {@code id} and comments), none of whose data is held beyond a limit: an event over it
 * is dropped, and reported with the request id its beginning named, if any.
 */
final class SseParser {

    /** What the parser finds. */
    interface Events {
        void event(String type, String data, String id);

        void oversized(Long id);
    }

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"?(\\d+)");
    private static final int PREFIX = 256;
    private static final int TAIL = 64;

    private final int limit;
    private final Events events;
    /** The line read so far, as bytes, so that a character split between chunks is decoded whole. */
    private byte[] line = new byte[256];
    private int lineLength;
    private final StringBuilder data = new StringBuilder();
    private final StringBuilder tail = new StringBuilder();
    private String type;
    private String lastId;
    private boolean oversized;
    private boolean sawCarriageReturn;

    SseParser(int limit, Events events) {
        this.limit = limit;
        this.events = events;
    }

    /**
     * Copies each line's bytes in one piece rather than byte by byte: this runs on the event loop for every answer of a
     * Streamable HTTP server.
     */
    void feed(Buffer chunk) {
        byte[] bytes = chunk.getBytes();
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            byte b = bytes[i];
            if (b != '\n' && b != '\r') {
                continue;
            }
            boolean secondHalfOfCrLf = b == '\n' && i == start && sawCarriageReturn;
            if (!secondHalfOfCrLf) {
                append(bytes, start, i);
                line(new String(line, 0, lineLength, StandardCharsets.UTF_8));
                lineLength = 0;
            }
            sawCarriageReturn = b == '\r';
            start = i + 1;
        }
        if (start < bytes.length) {
            sawCarriageReturn = false;
            append(bytes, start, bytes.length);
        }
    }

    /** Keeps up to one byte more than the limit of a line, and of the rest only its tail, to name the request. */
    private void append(byte[] bytes, int from, int to) {
        int kept = Math.min(to - from, Math.max(0, limit + 1 - lineLength));
        if (lineLength + kept > line.length) {
            line = Arrays.copyOf(line, Math.max(lineLength + kept, Math.min(line.length * 2, limit + 1)));
        }
        System.arraycopy(bytes, from, line, lineLength, kept);
        lineLength += kept;
        if (kept < to - from) {
            oversized = true;
            for (int i = Math.max(from + kept, to - TAIL); i < to; i++) {
                tail.append((char) bytes[i]);
            }
            if (tail.length() > TAIL) {
                tail.delete(0, tail.length() - TAIL);
            }
        }
    }

    private void line(String text) {
        if (text.isEmpty()) {
            dispatch();
            return;
        }
        if (text.startsWith(":")) {
            return;
        }
        int colon = text.indexOf(':');
        String field = colon < 0 ? text : text.substring(0, colon);
        String value = colon < 0 ? "" : text.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        switch (field) {
            case "event" -> type = value;
            case "data" -> {
                if (oversized || data.length() + value.length() > limit) {
                    if (data.length() < PREFIX) {
                        data.append(value, 0, Math.min(value.length(), PREFIX - data.length()));
                    }
                    tail.append(value, Math.max(0, value.length() - TAIL), value.length());
                    oversized = true;
                } else {
                    if (!data.isEmpty()) {
                        data.append('\n');
                    }
                    data.append(value);
                }
            }
            case "id" -> {
                if (!value.contains("\u0000")) {
                    lastId = value;
                }
            }
            default -> {
                // retry and unknown fields change nothing here
            }
        }
    }

    private void dispatch() {
        if (oversized) {
            Matcher id = ID.matcher(data.substring(0, Math.min(data.length(), PREFIX)) + " " + tail);
            events.oversized(id.find() ? Long.valueOf(id.group(1)) : null);
        } else if (!data.isEmpty() || type != null) {
            events.event(type == null ? "message" : type, data.toString(), lastId);
        }
        data.setLength(0);
        tail.setLength(0);
        type = null;
        oversized = false;
    }
}
