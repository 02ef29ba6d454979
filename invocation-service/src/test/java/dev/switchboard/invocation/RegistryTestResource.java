package dev.switchboard.invocation;

import dev.switchboard.localstack.DevKeys;
import dev.switchboard.localstack.EmbeddedPostgresServer;
import dev.switchboard.localstack.LocalStack;
import dev.switchboard.localstack.LocalStackTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Runs the real registry service, as built by this same Maven run, beside the invocation service's tests: on the
 * test stack's PostgreSQL and broker, with the test JWT keys, so that configuration reaches the invocation service
 * the way it does in production (the internal API at start, events afterwards). Started once per JVM.
 */
public class RegistryTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String ADMIN_KEY = "sb_invocation-test-admin-key";
    public static final String SERVICE_KEY = "sb_invocation-test-service-key";
    private static final Path JAR = Path.of("../registry-service/target/quarkus-app/quarkus-run.jar");

    private static String url;
    private static List<String> command;
    private static Process process;

    @Override
    public Map<String, String> start() {
        return Map.of("switchboard.invocation.registry.url", url(),
                "switchboard.invocation.registry.service-key", SERVICE_KEY);
    }

    @Override
    public void stop() {
        // The registry outlives each application start; the shutdown hook stops it with the JVM.
    }

    /** Stops the registry, to see what the invocation service does without it; {@link #restartRegistry()} brings it back. */
    public static synchronized void stopRegistry() {
        stopProcess(process);
    }

    public static synchronized void restartRegistry() {
        process = start(command, Path.of("target/registry-service.log"), url);
    }

    /** The registry's base URL, starting it on first use. */
    public static synchronized String url() {
        if (url == null) {
            url = launch();
        }
        return url;
    }

    private static String launch() {
        if (!Files.exists(JAR)) {
            throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: build the registry first (mvn verify builds it)");
        }
        LocalStack stack = LocalStackTestResource.shared();
        DevKeys keys = LocalStackTestResource.keys();
        int port = freePort();
        byte[] secretsKey = new byte[32];
        new SecureRandom().nextBytes(secretsKey);
        command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dquarkus.http.port=" + port,
                "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.datasource.jdbc.url=" + stack.postgres().jdbcUrl("registry"),
                "-Dquarkus.datasource.username=" + EmbeddedPostgresServer.USER,
                "-Dquarkus.datasource.password=" + EmbeddedPostgresServer.PASSWORD,
                "-Dkafka.bootstrap.servers=" + stack.kafka().bootstrapServers(),
                "-Dmp.jwt.verify.publickey.location=" + keys.publicKey().toUri(),
                "-Dsmallrye.jwt.sign.key.location=" + keys.privateKey().toUri(),
                "-Dswitchboard.secrets.keys.primary=" + Base64.getEncoder().encodeToString(secretsKey),
                "-Dswitchboard.registry.bootstrap-admin-key=" + ADMIN_KEY,
                "-Dswitchboard.registry.service-key=" + SERVICE_KEY,
                "-Dswitchboard.outbound.allow-private-addresses=true",
                "-Dswitchboard.log.json=false",
                "-jar", JAR.toString()));
        String base = "http://127.0.0.1:" + port;
        process = start(command, Path.of("target/registry-service.log"), base);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopProcess(process), "registry-test-shutdown"));
        return base;
    }

    private static Process start(List<String> command, Path log, String base) {
        try {
            Process started = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            awaitReady(base, started, log);
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the registry", e);
        }
    }

    private static void awaitReady(String base, Process process, Path log) {
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The registry exited with " + process.exitValue() + "; see " + log.toAbsolutePath());
            }
            try {
                HttpResponse<Void> ready = http.send(HttpRequest.newBuilder(URI.create(base + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for the registry", e);
            }
            sleep();
        }
        stopProcess(process);
        throw new IllegalStateException("The registry was not ready within 120 s; see " + log.toAbsolutePath());
    }

    private static void stopProcess(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
