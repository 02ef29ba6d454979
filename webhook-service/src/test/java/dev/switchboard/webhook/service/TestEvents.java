package dev.switchboard.webhook.service;

import dev.switchboard.model.event.EventEnvelope;
import dev.switchboard.model.event.EventType;
import dev.switchboard.testsupport.TestJson;
import dev.switchboard.testsupport.TopicWriter;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
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
            return new HashSet<>(writer.sendAll(serverUpdated(tenant, count)));
        }
    }

    private static List<EventEnvelope> serverUpdated(String tenant, int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> EventEnvelope.of("/registry-service", EventType.SERVER_UPDATED,
                        UUID.randomUUID().toString(), tenant, "key-1",
                        TestJson.MAPPER.createObjectNode().put("name", "server-" + i)))
                .toList();
    }

    /**
     * {@code server.updated} events of the tenant written one at a time, every {@code interval}, until {@link #stop()}:
     * a stream that a service is in the middle of whenever it stops.
     */
    static final class Stream implements AutoCloseable {

        private final Set<String> published = ConcurrentHashMap.newKeySet();
        private final Thread writing;
        private volatile boolean running = true;

        Stream(String tenant, Duration interval) {
            writing = new Thread(() -> {
                try (TopicWriter writer = TopicWriter.open()) {
                    while (running) {
                        published.addAll(writer.sendAll(serverUpdated(tenant, 1)));
                        LockSupport.parkNanos(interval.toNanos());
                    }
                }
            }, "test-event-stream");
            writing.start();
        }

        /** @return the ids of every event the broker took */
        Set<String> stop() throws InterruptedException {
            running = false;
            writing.join();
            return Set.copyOf(published);
        }

        @Override
        public void close() throws InterruptedException {
            stop();
        }
    }
}
