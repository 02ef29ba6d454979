package dev.switchboard.audit.messaging;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.localstack.EmbeddedPostgresServer;
import dev.switchboard.model.event.EventEnvelope;
import dev.switchboard.model.event.EventType;
import dev.switchboard.testsupport.LocalStackTestResource;
import dev.switchboard.testsupport.ServiceProcess;
import dev.switchboard.testsupport.TestJson;
import dev.switchboard.testsupport.TopicWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The packaged service killed with SIGKILL while events stream in, and started again: every event is in the trail,
 * once. Its consumer is a static group member (as each pod is, by its name), so the restarted process takes its
 * partitions back without waiting for the broker to give up on the killed one; the test prints how long that took.
 */
class AuditRestartIT {

    private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    private static final int EVENTS = 3000;

    @Test
    void storesEveryEventOnceWhenKilledMidStream() throws Exception {
        String tenant = "restart-" + UUID.randomUUID();
        Set<String> sent = ConcurrentHashMap.newKeySet();
        try (ServiceProcess audit = ServiceProcess.start("audit-killed", JAR, "audit",
                Map.of("mp.messaging.incoming.audit-events.group.instance.id", "audit-restart-it"))) {
            CompletableFuture<Void> producing = CompletableFuture.runAsync(() -> send(tenant, sent));

            await().atMost(Duration.ofSeconds(60)).until(() -> stored(tenant) >= 200);
            audit.kill();
            int storedAtKill = stored(tenant);
            long restartedAt = System.nanoTime();
            audit.start();
            long readyMs = elapsedMs(restartedAt);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> stored(tenant) > storedAtKill);
            long resumedMs = elapsedMs(restartedAt);

            producing.get(60, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(120)).until(() -> stored(tenant) >= EVENTS);
            System.out.printf("AuditRestartIT: killed with %d of %d stored; ready %d ms and storing again %d ms after"
                    + " the restart began%n", storedAtKill, EVENTS, readyMs, resumedMs);
            assertTrue(storedAtKill < EVENTS, "killed while events were still to be stored");
            assertEquals(sent, storedIds(tenant), "every event sent, each once");
        }
    }

    private static void send(String tenant, Set<String> sent) {
        try (TopicWriter writer = TopicWriter.open()) {
            for (int i = 0; i < EVENTS; i++) {
                sent.add(writer.send(EventEnvelope.of("/invocation-service", EventType.TOOL_INVOKED, "server-" + (i % 13),
                        tenant, "key-1", TestJson.MAPPER.createObjectNode().put("tool", "echo").put("sequence", i))));
                if (i % 50 == 49) {
                    TimeUnit.MILLISECONDS.sleep(50);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int stored(String tenant) throws SQLException {
        return query(tenant, "SELECT count(*) FROM audit_event WHERE tenant_id = ?", rows -> {
            rows.next();
            return rows.getInt(1);
        });
    }

    private static Set<String> storedIds(String tenant) throws SQLException {
        return query(tenant, "SELECT event_id FROM audit_event WHERE tenant_id = ?", rows -> {
            Set<String> ids = new HashSet<>();
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
            return ids;
        });
    }

    private interface Rows<T> {
        T read(ResultSet rows) throws SQLException;
    }

    private static <T> T query(String tenant, String sql, Rows<T> reader) throws SQLException {
        String url = LocalStackTestResource.shared().postgres().jdbcUrl("audit");
        try (Connection connection = DriverManager.getConnection(url, EmbeddedPostgresServer.USER, EmbeddedPostgresServer.PASSWORD);
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, tenant);
            try (ResultSet rows = statement.executeQuery()) {
                return reader.read(rows);
            }
        }
    }

    private static long elapsedMs(long since) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - since);
    }
}
