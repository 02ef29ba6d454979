package dev.switchboard.testsupport;

import static org.awaitility.Awaitility.await;

import dev.switchboard.localstack.DevKeys;
import dev.switchboard.localstack.EmbeddedPostgresServer;
import dev.switchboard.localstack.FreePorts;
import dev.switchboard.localstack.LocalStack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A Switchboard service run from its packaged jar as its own process, as in production, on the test stack's
 * PostgreSQL and broker with the test JWT keys. Its output goes to {@code target/<name>.log}.
 */
public final class ServiceProcess implements AutoCloseable {

    private final String name;
    private final List<String> command;
    private final String url;
    private final String managementUrl;
    private final Path log;
    private final Path secretsKeyFile;
    private final String secretsKey;
    private final Map<String, String> environment;
    private Process process;

    private ServiceProcess(String name, List<String> command, String url, String managementUrl, Path log,
                           Path secretsKeyFile, String secretsKey, Map<String, String> environment) {
        this.environment = environment;
        this.secretsKeyFile = secretsKeyFile;
        this.secretsKey = secretsKey;
        this.name = name;
        this.command = command;
        this.url = url;
        this.managementUrl = managementUrl;
        this.log = log;
    }

    /**
     * Starts the jar with {@code database} as its database and {@code properties} on top, and waits until it is ready.
     */
    public static ServiceProcess start(String name, Path jar, String database, Map<String, String> properties) {
        return start(name, jar, database, properties, Map.of());
    }

    /** The same, with {@code environment} added to the process's environment. */
    public static ServiceProcess start(String name, Path jar, String database, Map<String, String> properties,
                                       Map<String, String> environment) {
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar.toAbsolutePath() + " is missing: package " + name + " first (mvn verify does)");
        }
        LocalStack stack = LocalStackTestResource.shared();
        DevKeys keys = LocalStackTestResource.keys();
        int port = FreePorts.find();
        int managementPort = FreePorts.find();
        byte[] secretsKey = new byte[32];
        new SecureRandom().nextBytes(secretsKey);
        String encodedKey = Base64.getEncoder().encodeToString(secretsKey);
        Path keyFile = Path.of("target", name + "-secrets.key").toAbsolutePath();
        writeOwnerOnly(keyFile, encodedKey);
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dquarkus.http.port=" + port,
                "-Dquarkus.management.port=" + managementPort,
                "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.management.host=127.0.0.1",
                "-Dquarkus.datasource.jdbc.url=" + stack.postgres().jdbcUrl(database),
                "-Dquarkus.datasource.username=" + EmbeddedPostgresServer.USER,
                "-Dquarkus.datasource.password=" + EmbeddedPostgresServer.PASSWORD,
                "-Dkafka.bootstrap.servers=" + stack.kafka().bootstrapServers(),
                "-Dmp.jwt.verify.publickey.location=" + keys.publicKey().toUri(),
                "-Dswitchboard.log.json=false"));
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", jar.toString()));
        ServiceProcess service = new ServiceProcess(name, List.copyOf(command), "http://127.0.0.1:" + port,
                "http://127.0.0.1:" + managementPort, Path.of("target", name + ".log"), keyFile, encodedKey,
                Map.copyOf(environment));
        service.start();
        return service;
    }

    public String url() {
        return url;
    }

    /** The file its output goes to, appended to by every start. */
    public String log() {
        return log.toAbsolutePath().toString();
    }

    public long pid() {
        return process.pid();
    }

    /** The file the service reads its secrets key from, readable by its owner only, as a mounted secret is. */
    public Path secretsKeyFile() {
        return secretsKeyFile;
    }

    public String secretsKey() {
        return secretsKey;
    }

    /** Starts it again after {@link #stop()}, on the same port and with the same configuration. */
    public synchronized void start() {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().put("SWITCHBOARD_SECRETS_KEY_FILE", secretsKeyFile.toString());
            builder.environment().putAll(environment);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + name, e);
        }
        awaitReady();
    }

    /** Ends it at once, as the kernel's OOM killer or a crash would: SIGKILL, no chance to clean up. */
    public synchronized void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Freezes it (SIGSTOP): its sockets still accept connections, as the kernel completes them, but nothing is
     * answered, as with a service stuck in a long pause. {@link #resume()} lets it go on.
     */
    public synchronized void pause() {
        signal("STOP");
    }

    public synchronized void resume() {
        signal("CONT");
    }

    private void signal(String name) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Stops it as an orchestrator does: SIGTERM, and SIGKILL only if it has not ended ten seconds later.
     *
     * @return whether it ended by itself, without the SIGKILL
     */
    public synchronized boolean stop() {
        process.destroy();
        try {
            if (process.waitFor(10, TimeUnit.SECONDS)) {
                return true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.destroyForcibly();
        return false;
    }

    @Override
    public void close() {
        stop();
    }

    private void awaitReady() {
        HttpClient http = HttpClient.newHttpClient();
        try {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see "
                            + log.toAbsolutePath());
                }
                try {
                    return http.send(HttpRequest.newBuilder(URI.create(managementUrl + "/q/health/ready")).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                } catch (IOException notListeningYet) {
                    return false;
                }
            });
        } catch (ConditionTimeoutException notReady) {
            stop();
            throw new IllegalStateException(name + " was not ready within 120 s; see " + log.toAbsolutePath(), notReady);
        }
    }

    private static void writeOwnerOnly(Path file, String content) {
        try {
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
