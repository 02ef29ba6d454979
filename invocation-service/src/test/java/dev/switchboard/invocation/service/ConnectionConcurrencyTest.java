package dev.switchboard.invocation.service;

import static dev.switchboard.invocation.Registry.awaitState;
import static dev.switchboard.invocation.Registry.createServer;
import static dev.switchboard.invocation.Registry.deleteServer;
import static dev.switchboard.invocation.Registry.patchServer;
import static dev.switchboard.invocation.Registry.stdioNode;
import static dev.switchboard.invocation.Registry.uniqueName;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.invocation.McpTestServers;
import dev.switchboard.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Connects, disconnects, health checks and registry updates of one server, all at once from several threads: however
 * they interleave, one session and one process remain, and none once the server is deleted.
 */
@QuarkusTest
class ConnectionConcurrencyTest {

    @Test
    void concurrentChangesLeaveExactlyOneSessionAndOneProcess() throws Exception {
        String marker = "race-" + UUID.randomUUID();
        String id = createServer(stdioNode(uniqueName("raced"), Map.of("ROUND", "0"), McpTestServers.EVERYTHING, "stdio", marker));
        awaitState(id, "connected");
        String admin = TestTokens.admin();
        AtomicInteger rounds = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        List<Future<?>> work = new ArrayList<>();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(8);
        work.add(threads.submit(() -> {
            while (System.nanoTime() < until) {
                given().auth().oauth2(admin).post("/api/connections/{id}/connect", id);
            }
        }));
        work.add(threads.submit(() -> {
            while (System.nanoTime() < until) {
                given().auth().oauth2(admin).post("/api/connections/{id}/disconnect", id);
            }
        }));
        work.add(threads.submit(() -> {
            while (System.nanoTime() < until) {
                given().auth().oauth2(admin).get("/api/connections/{id}/health", id);
            }
        }));
        work.add(threads.submit(() -> {
            while (System.nanoTime() < until) {
                patchServer(id, "{\"transport\":{\"env\":{\"ROUND\":\"" + rounds.incrementAndGet() + "\"}}}");
            }
        }));
        for (Future<?> done : work) {
            done.get(60, TimeUnit.SECONDS);
        }
        threads.shutdown();

        given().auth().oauth2(admin).post("/api/connections/{id}/connect", id).then().statusCode(200);
        awaitState(id, "connected");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertEquals(1, processes(marker).size(),
                "one process for the server after " + rounds.get() + " registry updates"));

        deleteServer(id);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertEquals(List.of(), processes(marker)));
    }

    /** The processes this JVM started that run with the marker among their arguments. */
    private static List<Long> processes(String marker) {
        return ProcessHandle.current().descendants()
                .filter(process -> process.info().arguments().map(List::of).map(arguments -> arguments.contains(marker))
                        .orElse(false))
                .map(ProcessHandle::pid)
                .toList();
    }
}
