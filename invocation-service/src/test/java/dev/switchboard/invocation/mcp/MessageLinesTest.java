package dev.switchboard.invocation.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageLinesTest {

    @Test
    void splitsLinesAndSkipsOneOverTheLimitWithoutHoldingIt() throws IOException {
        String big = "{\"result\":{\"text\":\"" + "z".repeat(200_000) + "\"},\"jsonrpc\":\"2.0\",\"id\":9}";
        String input = "{\"id\":1}\n" + big + "\n\n{\"id\":2}\n{\"partial\"";
        List<String> seen = new ArrayList<>();
        new MessageLines(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), 1024).pump(new MessageLines.Sink() {
            @Override
            public void line(byte[] bytes, int length) {
                seen.add(new String(bytes, 0, length, StandardCharsets.UTF_8));
            }

            @Override
            public void oversized(Long id) {
                seen.add("oversized " + id);
            }
        });
        assertEquals(List.of("{\"id\":1}", "oversized 9", "{\"id\":2}"), seen);
    }
}
