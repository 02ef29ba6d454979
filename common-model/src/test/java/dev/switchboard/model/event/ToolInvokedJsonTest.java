package dev.switchboard.model.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.model.ModelJson;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ToolInvokedJsonTest {

    private static final ObjectMapper JSON = ModelJson.MAPPER;

    @Test
    void aConsumerReadsWhatTheProducerWroteDerivedFieldAndLaterFieldsIncluded() throws Exception {
        ToolInvoked failed = new ToolInvoked(UUID.randomUUID(), "github", "search", 12L, false, false, false,
                ToolInvoked.FAILED, "mcp", "the server did not answer", null, List.of("query"));
        JsonNode written = JSON.valueToTree(failed);
        assertTrue(written.path("failure").asBoolean(), written.toString());

        ((ObjectNode) written).put("addedLater", 1);
        ToolInvoked read = JSON.treeToValue(written, ToolInvoked.class);

        assertEquals(failed, read);
        assertTrue(read.isFailure());
    }

    @Test
    void aMissingFlagReadsAsAbsentNotAsFalse() throws Exception {
        ToolInvoked read = JSON.readValue("{\"tool\":\"search\"}", ToolInvoked.class);
        assertNull(read.success());
        assertFalse(read.isFailure(), "an event that does not say it failed is not a failure");
    }
}
