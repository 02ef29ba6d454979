package dev.switchboard.testsupport;

import dev.switchboard.localstack.DevKeys;
import dev.switchboard.localstack.EmbeddedPostgresServer;
import dev.switchboard.localstack.LocalStack;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Gives a service's {@code @QuarkusTest}s the local stack: a real PostgreSQL database of their own and a real
 * in-JVM broker, on free ports, plus a fresh JWT key pair and secrets key. Declare it once per module with
 * {@code @WithTestResource(value = LocalStackTestResource.class, scope = GLOBAL,
 * initArgs = @ResourceArg(name = "database", value = "<service>"))}.
 *
 * <p>The stack starts once per JVM, that is once per module's test run, however often Quarkus restarts the
 * application between test classes, and stops when the JVM exits.
 */
public class LocalStackTestResource implements QuarkusTestResourceLifecycleManager {

    /** A fresh AES key per test run, so that no test depends on a key that is written down anywhere. */
    private static final String SECRETS_KEY = randomAesKey();

    private static LocalStack stack;
    private static DevKeys keys;

    private String database = "postgres";

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
    }

    @Override
    public Map<String, String> start() {
        LocalStack running = shared();
        return Map.of(
                "quarkus.datasource.jdbc.url", running.postgres().jdbcUrl(database),
                "quarkus.datasource.username", EmbeddedPostgresServer.USER,
                "quarkus.datasource.password", EmbeddedPostgresServer.PASSWORD,
                "kafka.bootstrap.servers", running.kafka().bootstrapServers(),
                "mp.jwt.verify.publickey.location", keys.publicKey().toUri().toString(),
                "smallrye.jwt.sign.key.location", keys.privateKey().toUri().toString(),
                "switchboard.secrets.keys.primary", SECRETS_KEY);
    }

    @Override
    public void stop() {
        // The stack outlives each application start; the shutdown hook stops it with the JVM.
    }

    /** The module's stack, started on first use; tests use it to reach the broker or to simulate its outage. */
    public static synchronized LocalStack shared() {
        if (stack == null) {
            try {
                Path root = Files.createTempDirectory("switchboard-test-");
                keys = DevKeys.ensure(root.resolve("keys"));
                stack = LocalStack.start(root, 0, 0, 0, false);
                LocalStack started = stack;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    started.close();
                    deleteRecursively(root);
                }, "local-stack-test-shutdown"));
            } catch (IOException e) {
                throw new UncheckedIOException("Could not create a directory for the test stack", e);
            }
        }
        return stack;
    }

    /** The key pair whose public half the services verify tokens with. */
    public static synchronized DevKeys keys() {
        shared();
        return keys;
    }

    private static String randomAesKey() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return java.util.Base64.getEncoder().encodeToString(key);
    }

    private static void deleteRecursively(Path root) {
        try {
            TestFiles.deleteTree(root);
        } catch (UncheckedIOException e) {
            // Temporary files only; the OS cleans them up eventually.
        }
    }
}
