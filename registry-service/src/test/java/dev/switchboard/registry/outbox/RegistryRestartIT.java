package dev.switchboard.registry.outbox;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.model.event.Topics;
import dev.switchboard.testsupport.ServiceProcess;
import dev.switchboard.testsupport.TestTokens;
import dev.switchboard.testsupport.TopicReader;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The packaged service killed with SIGKILL while a client keeps changing it, and started again: every change it
 * confirmed has its event on the broker, whether the relay had sent it before the kill or sends it after.
 */
class RegistryRestartIT {

    private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");

    @Test
    void publishesTheEventOfEveryConfirmedChangeWhenKilledMidStream() throws Exception {
        Set<String> confirmed = ConcurrentHashMap.newKeySet();
        AtomicBoolean writing = new AtomicBoolean(true);
        try (ServiceProcess registry = ServiceProcess.start("registry-killed", JAR, "registry",
                Map.of("switchboard.registry.bootstrap-admin-key", "sb_registry-restart-it-admin-key-5e2c9a7d41"))) {
            String run = UUID.randomUUID().toString().substring(0, 8);
            CompletableFuture<Void> client = CompletableFuture.runAsync(() -> {
                for (int i = 0; writing.get(); i++) {
                    createTenant(registry, "restart-" + run + "-" + i).ifPresent(confirmed::add);
                }
            });
            await().atMost(Duration.ofSeconds(60)).until(() -> confirmed.size() >= 30);
            registry.kill();
            int beforeRestart = confirmed.size();
            registry.start();
            await().atMost(Duration.ofSeconds(60)).failFast(() -> client.isDone())
                    .until(() -> confirmed.size() >= beforeRestart + 30);
            writing.set(false);
            client.get(30, TimeUnit.SECONDS);

            Set<String> published = new HashSet<>();
            TopicReader.read(Topics.REGISTRY, record -> confirmed.contains(record.key())
                    && record.value().contains("\"tenant.created\"") && published.add(record.key()), confirmed.size(),
                    Duration.ofSeconds(120));
            assertEquals(confirmed, published, "a tenant.created for every tenant the registry confirmed");
        }
    }

    /** The new tenant's id, or nothing when the registry could not be reached (it is being killed or started). */
    private static Optional<String> createTenant(ServiceProcess registry, String name) {
        try {
            Response response = given().baseUri(registry.url()).auth().oauth2(TestTokens.admin())
                    .contentType(ContentType.JSON).body(Map.of("name", name)).post("/api/tenants");
            return response.statusCode() == 201 ? Optional.of(response.path("data.id")) : Optional.empty();
        } catch (Exception unreachable) {
            // RestAssured rethrows the connection's IOException undeclared.
            return Optional.empty();
        }
    }
}
