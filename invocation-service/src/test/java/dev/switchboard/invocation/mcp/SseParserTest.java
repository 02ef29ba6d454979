package dev.switchboard.invocation.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseParserTest {

    private final List<String> seen = new ArrayList<>();
    private final SseParser parser = new SseParser(1024, new SseParser.Events() {
        @Override
        public void event(String type, String data, String id) {
            seen.add(type + "|" + data + "|" + id);
        }

        @Override
        public void oversized(Long id) {
            seen.add("oversized|" + id);
        }
    });

    @Test
    void readsEventsSplitAcrossChunksWithEveryLineEnding() {
        feed("event: endpoint\r\ndata: /messages?session=1\r\n\r\n: a comment\n\nid: 7\nda", "ta: {\"a\":1}\ndata: {\"b\":2}\r", "\n\n");
        assertEquals(List.of("endpoint|/messages?session=1|null", "message|{\"a\":1}\n{\"b\":2}|7"), seen);
    }

    @Test
    void dropsAnEventOverTheLimitAndNamesTheRequestItAnswered() {
        feed("data: {\"result\":{\"text\":\"" + "x".repeat(5000) + "\"},\"jsonrpc\":\"2.0\",\"id\":42}\n\n", "data: {\"ok\":true}\n\n");
        assertEquals(List.of("oversized|42", "message|{\"ok\":true}|null"), seen);
    }

    @Test
    void namesTheRequestWhenItsIdComesFirst() {
        feed("data: {\"jsonrpc\":\"2.0\",\"id\":\"17\",\"result\":\"" + "y".repeat(3000) + "\"}\n\n");
        assertEquals(List.of("oversized|17"), seen);
    }

    private void feed(String... chunks) {
        for (String chunk : chunks) {
            parser.feed(Buffer.buffer(chunk));
        }
    }
}
