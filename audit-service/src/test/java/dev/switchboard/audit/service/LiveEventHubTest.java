package dev.switchboard.audit.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.audit.AuditRows;
import dev.switchboard.audit.repository.AuditRow;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

@QuarkusTest
class LiveEventHubTest {

    @Inject
    LiveEventHub hub;

    @Inject
    MeterRegistry metrics;

    @ConfigProperty(name = "switchboard.audit.sse.buffer-size")
    int bufferSize;

    @Test
    void dropsAClientThatDoesNotKeepUpAndCountsIt() {
        String tenant = "slow-" + UUID.randomUUID();
        double droppedBefore = metrics.counter("switchboard.audit.sse.dropped").count();
        AssertSubscriber<LiveEventHub.LiveItem> slow = hub.open(new LiveFilter(Optional.of(tenant), List.of(), List.of()))
                .subscribe().withSubscriber(AssertSubscriber.create(0));
        AssertSubscriber<LiveEventHub.LiveItem> fast = hub.open(new LiveFilter(Optional.of(tenant), List.of(), List.of()))
                .subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));

        List<AuditRow> rows = new ArrayList<>();
        for (int i = 0; i <= bufferSize; i++) {
            rows.add(AuditRows.invocation(tenant, "k", "s", "echo", true, 1, Instant.now()));
        }
        hub.publish(rows);

        slow.assertCompleted();
        assertEquals(droppedBefore + 1, metrics.counter("switchboard.audit.sse.dropped").count());
        long events = fast.getItems().stream().filter(item -> !item.isHeartbeat()).count();
        assertEquals(bufferSize + 1, events, "a client that keeps up gets every event (heartbeats may come between)");
        assertTrue(!fast.hasCompleted());
        fast.cancel();
    }
}
