package dev.switchboard.invocation.mcp;

import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
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
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
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

    String lastEventId() {
        return lastId;
    }

    void feed(Buffer chunk) {
        byte[] bytes = chunk.getBytes();
        for (byte b : bytes) {
            if (b == '\n' && sawCarriageReturn) {
                sawCarriageReturn = false;
                continue;
            }
            sawCarriageReturn = b == '\r';
            if (b == '\n' || b == '\r') {
                line(line.toString(StandardCharsets.UTF_8));
                line.reset();
            } else if (line.size() <= limit) {
                line.write(b);
            } else {
                oversized = true;
                tail.append((char) b);
                if (tail.length() > TAIL) {
                    tail.delete(0, tail.length() - TAIL);
                }
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
