package dev.switchboard.webhook.service;

import dev.switchboard.model.event.EventEnvelope;
import dev.switchboard.model.event.EventType;
import dev.switchboard.testsupport.TestJson;
import dev.switchboard.testsupport.TopicWriter;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

/** Events written to the broker as the registry writes them, for the webhook service to deliver. */
final class TestEvents {

    private TestEvents() {
    }

    /**
     * Writes {@code count} {@code server.updated} events of the tenant, together, so that they are likely planned in
     * one batch; returns their ids once the broker has them all.
     */
    static Set<String> serverUpdates(String tenant, int count) {
        try (TopicWriter writer = TopicWriter.open()) {
            return new HashSet<>(writer.sendAll(IntStream.range(0, count)
                    .mapToObj(i -> EventEnvelope.of("/registry-service", EventType.SERVER_UPDATED,
                            UUID.randomUUID().toString(), tenant, "key-1",
                            TestJson.MAPPER.createObjectNode().put("name", "server-" + i)))
                    .toList()));
        }
    }
}
