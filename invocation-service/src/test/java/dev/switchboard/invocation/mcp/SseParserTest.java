package dev.switchboard.invocation.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
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

    @Test
    void decodesACharacterSplitBetweenChunks() {
        byte[] event = "data: {\"text\":\"caf\u00e9 \u2603\"}\n\n".getBytes(StandardCharsets.UTF_8);
        int insideTheSnowman = event.length - 5;
        parser.feed(Buffer.buffer(Arrays.copyOfRange(event, 0, insideTheSnowman)));
        parser.feed(Buffer.buffer(Arrays.copyOfRange(event, insideTheSnowman, event.length)));
        assertEquals(List.of("message|{\"text\":\"caf\u00e9 \u2603\"}|null"), seen);
    }

    @Test
    void aLineOverTheLimitSpreadOverManyChunksIsDroppedAndTheNextEventRead() {
        feed("data: {\"jsonrpc\":\"2.0\",\"id\":9,\"result\":\"");
        for (int i = 0; i < 40; i++) {
            feed("z".repeat(100));
        }
        feed("\"}\n\nevent: message\ndata: {\"after\":1}\n\n");
        assertEquals(List.of("oversized|9", "message|{\"after\":1}|null"), seen);
    }

    private void feed(String... chunks) {
        for (String chunk : chunks) {
            parser.feed(Buffer.buffer(chunk));
        }
    }
}
