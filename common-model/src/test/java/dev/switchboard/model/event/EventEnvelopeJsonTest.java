package dev.switchboard.model.event;

import static dev.switchboard.model.ModelJson.MAPPER;
import static dev.switchboard.model.ModelJson.invalidPaths;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventEnvelopeJsonTest {

    private static final String DESIGN_EXAMPLE = """
            {"specversion":"1.0","id":"6f1c8a9e-6c1e-4a0e-9a55-3d1f0b3c2a11","source":"/registry-service",
             "type":"server.created","time":"2026-11-21T10:00:00Z","subject":"0b0f6c36-7d4f-4a53-a4a5-2d8f1b1f0c9e",
             "datacontenttype":"application/json","tenantid":"t-1","actorid":"k-1","data":{"name":"github"}}
            """;

    @Test
    void readsAndWritesTheDesignExampleUnchanged() throws Exception {
        EventEnvelope event = MAPPER.readValue(DESIGN_EXAMPLE, EventEnvelope.class);

        assertEquals(Instant.parse("2026-11-21T10:00:00Z"), event.time());
        assertEquals(Optional.of(EventType.SERVER_CREATED), event.knownType());
        assertEquals(MAPPER.readTree(DESIGN_EXAMPLE), MAPPER.valueToTree(event));
        assertEquals(Set.of(), invalidPaths(event));
    }

    @Test
    void buildsAFreshEventWithIdTimeAndSpecVersion() throws Exception {
        JsonNode data = MAPPER.readTree("{\"toolCount\":3}");
        EventEnvelope event = EventEnvelope.of("/invocation-service", EventType.SERVER_CONNECTED, "s-1", "t-1", null, data);

        assertEquals("1.0", event.specversion());
        assertEquals("server.connected", event.type());
        UUID.fromString(event.id());
        assertEquals(event, MAPPER.readValue(MAPPER.writeValueAsString(event), EventEnvelope.class));
        assertFalse(MAPPER.writeValueAsString(event).contains("actorid"), "absent attributes are left out");
    }

    @Test
    void keepsTypesItDoesNotKnowSoThatOlderConsumersTolerateNewerProducers() throws Exception {
        EventEnvelope event = MAPPER.readValue(DESIGN_EXAMPLE.replace("server.created", "server.renamed"), EventEnvelope.class);

        assertEquals("server.renamed", event.type());
        assertEquals(Optional.empty(), event.knownType());
    }

    @Test
    void flagsMissingRequiredAttributes() throws Exception {
        EventEnvelope event = MAPPER.readValue("{\"specversion\":\"1.0\",\"source\":\"/x\",\"type\":\"server.created\"}",
                EventEnvelope.class);

        assertEquals(Set.of("id", "time"), invalidPaths(event));
    }

    @Test
    void namesEveryTypePastTenseAndDottedOnItsProducersTopic() {
        for (EventType type : EventType.values()) {
            assertTrue(type.typeName().matches("[a-z_]+(\\.[a-z_]+)+"), type.typeName());
            assertTrue(Topics.EVENT_TOPICS.contains(type.topic()), type.topic());
            assertEquals(Optional.of(type), EventType.fromTypeName(type.typeName()));
        }
        assertTrue(Arrays.stream(EventType.values()).map(EventType::topic).distinct().count() == Topics.EVENT_TOPICS.size(),
                "every event topic carries at least one type");
    }
}
