package dev.switchboard.audit.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.audit.AuditRows;
import dev.switchboard.audit.repository.AuditRow;
import dev.switchboard.model.api.ErrorCode;
import dev.switchboard.model.event.EventEnvelope;
import dev.switchboard.model.event.EventType;
import dev.switchboard.platform.error.ApiException;
import dev.switchboard.platform.events.EventPublisher;
import dev.switchboard.platform.security.Caller;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

@QuarkusTest
class LiveEventHubTest {

    @Inject
    LiveEventHub hub;

    @Inject
    MeterRegistry metrics;

    @Inject
    EventPublisher publisher;

    @ConfigProperty(name = "switchboard.audit.sse.buffer-size")
    int bufferSize;

    @ConfigProperty(name = "switchboard.audit.sse.max-streams-per-key")
    int maxStreamsPerKey;

    private static LiveFilter everything(String tenant) {
        return new LiveFilter(Optional.of(tenant), List.of(), List.of());
    }

    private static Caller caller(String tenant, Instant expiresAt) {
        return new Caller(UUID.randomUUID().toString(), "user", tenant, List.of(), expiresAt, null);
    }

    @Test
    void dropsAClientThatDoesNotKeepUpAndCountsIt() {
        String tenant = "slow-" + UUID.randomUUID();
        double droppedBefore = metrics.counter("switchboard.audit.sse.dropped").count();
        AssertSubscriber<LiveEventHub.LiveItem> slow = hub.open(everything(tenant), caller(tenant, null))
                .subscribe().withSubscriber(AssertSubscriber.create(0));
        AssertSubscriber<LiveEventHub.LiveItem> fast = hub.open(everything(tenant), caller(tenant, null))
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

    @Test
    void endsAStreamWhenTheKeyThatOpenedItIsRevoked() throws Exception {
        String tenant = "revoked-" + UUID.randomUUID();
        Caller caller = caller(tenant, null);
        AssertSubscriber<LiveEventHub.LiveItem> stream = hub.open(everything(tenant), caller)
                .subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        AssertSubscriber<LiveEventHub.LiveItem> other = hub.open(everything(tenant), caller(tenant, null))
                .subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));

        publisher.publish(EventEnvelope.of("/registry-service", EventType.API_KEY_REVOKED, caller.keyId(), tenant, "admin",
                null)).toCompletableFuture().get(30, TimeUnit.SECONDS);

        stream.awaitCompletion(Duration.ofSeconds(20));
        assertTrue(!other.hasCompleted(), "another key's stream goes on");
        other.cancel();
    }

    @Test
    void endsAStreamWhenTheTokenThatOpenedItExpires() {
        String tenant = "expiring-" + UUID.randomUUID();
        AssertSubscriber<LiveEventHub.LiveItem> stream = hub.open(everything(tenant),
                        caller(tenant, Instant.now().plusMillis(1500)))
                .subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        stream.awaitCompletion(Duration.ofSeconds(10));
    }

    @Test
    void refusesAKeyMoreStreamsThanItMayHold() {
        String tenant = "greedy-" + UUID.randomUUID();
        Caller caller = caller(tenant, null);
        List<AssertSubscriber<LiveEventHub.LiveItem>> open = new ArrayList<>();
        for (int i = 0; i < maxStreamsPerKey; i++) {
            open.add(hub.open(everything(tenant), caller).subscribe().withSubscriber(AssertSubscriber.create(1)));
        }
        ApiException refused = assertThrows(ApiException.class, () -> hub.open(everything(tenant), caller));
        assertEquals(ErrorCode.RATE_LIMITED, refused.code());
        open.get(0).cancel();
        hub.open(everything(tenant), caller).subscribe().withSubscriber(AssertSubscriber.create(1)).cancel();
        open.forEach(AssertSubscriber::cancel);
    }
}
