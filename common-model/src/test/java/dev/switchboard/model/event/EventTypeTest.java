package dev.switchboard.model.event;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EventTypeTest {

    @Test
    void matchesExactNamesPrefixesAndEverything() {
        assertTrue(EventType.matches("server.created", "server.created"));
        assertTrue(EventType.matches("server.*", "server.deleted"));
        assertTrue(EventType.matches("*", "tool.error"));
        assertTrue(EventType.matches("api_key.*", "api_key.revoked"));
    }

    @Test
    void doesNotMatchOtherTypesOrBarePrefixes() {
        assertFalse(EventType.matches("server.created", "server.updated"));
        assertFalse(EventType.matches("server.*", "servers.created"));
        assertFalse(EventType.matches("server", "server.created"));
        assertFalse(EventType.matches("tool.*", "server.created"));
    }
}
