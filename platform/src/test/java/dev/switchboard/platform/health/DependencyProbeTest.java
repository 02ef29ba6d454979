package dev.switchboard.platform.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DependencyProbeTest {

    private final ExecutorService executor = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void answersDownAtOnceWhileTheDependencyHangs() {
        DependencyProbe probe = new DependencyProbe("Hanging", () -> Thread.sleep(60_000), Duration.ofMillis(300),
                Duration.ofSeconds(10), Clock.systemUTC());
        probe.probe(executor);
        long started = System.nanoTime();
        HealthCheckResponse response = probe.response();
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) < 50, "answered from the last result");
        assertEquals(HealthCheckResponse.Status.DOWN, response.getStatus());
        assertEquals("no answer within 300 ms", response.getData().orElseThrow().get("error"));
        probe.probe(executor);
        assertEquals(HealthCheckResponse.Status.DOWN, probe.response().getStatus(), "a hung probe is not started twice");
    }

    @Test
    void isUpAfterASuccessAndDownOnceThatSuccessIsTooOld() {
        Clock[] now = {Clock.systemUTC()};
        DependencyProbe probe = new DependencyProbe("Fine", () -> { }, Duration.ofSeconds(1), Duration.ofSeconds(10),
                new Clock() {
                    @Override
                    public java.time.ZoneId getZone() {
                        return now[0].getZone();
                    }

                    @Override
                    public Clock withZone(java.time.ZoneId zone) {
                        return this;
                    }

                    @Override
                    public java.time.Instant instant() {
                        return now[0].instant();
                    }
                });
        probe.probe(executor);
        assertEquals(HealthCheckResponse.Status.UP, probe.response().getStatus());
        now[0] = Clock.offset(Clock.systemUTC(), Duration.ofSeconds(11));
        assertEquals(HealthCheckResponse.Status.DOWN, probe.response().getStatus());
    }

    @Test
    void aBrokerThatAcceptsConnectionsAndNeverAnswersIsDown() throws Exception {
        List<Socket> held = new ArrayList<>();
        try (ServerSocket blackHole = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            // Closed with a bound: an admin client's own close waits without end for calls the black hole never answers.
            Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    "127.0.0.1:" + blackHole.getLocalPort(), AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 1000,
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 1000));
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(blackHole.accept());
                    }
                } catch (IOException closed) {
                    // the test ended
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            try {
                DependencyProbe kafka = new DependencyProbe("Kafka", () -> admin.describeCluster(new DescribeClusterOptions()
                        .timeoutMs(1000)).nodes().get(1, TimeUnit.SECONDS), Duration.ofSeconds(1), Duration.ofSeconds(10),
                        Clock.systemUTC());
                kafka.probe(executor);
                assertEquals(HealthCheckResponse.Status.DOWN, kafka.response().getStatus());
            } finally {
                admin.close(Duration.ofSeconds(2));
            }
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
    }
}
