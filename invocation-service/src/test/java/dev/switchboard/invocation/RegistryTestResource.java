package dev.switchboard.invocation;

import dev.switchboard.testsupport.LocalStackTestResource;
import dev.switchboard.testsupport.ServiceProcess;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Path;
import java.util.Map;

/**
 * Runs the real registry service, as built by this same Maven run, beside the invocation service's tests: on the
 * test stack's PostgreSQL and broker, with the test JWT keys, so that configuration reaches the invocation service
 * the way it does in production (the internal API at start, events afterwards). Started once per JVM.
 */
public class RegistryTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String ADMIN_KEY = "sb_invocation-test-admin-key-9c41e7a2b5";
    public static final String SERVICE_KEY = "sb_invocation-test-service-key-3f8d0b6e1a";
    private static final Path JAR = Path.of("../registry-service/target/quarkus-app/quarkus-run.jar");

    private static ServiceProcess registry;

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
        registry.stop();
    }

    public static synchronized void restartRegistry() {
        registry.start();
    }

    /** Freezes the registry: it accepts connections and answers nothing until {@link #resumeRegistry()}. */
    public static synchronized void pauseRegistry() {
        registry.pause();
    }

    public static synchronized void resumeRegistry() {
        registry.resume();
    }

    /** The registry's base URL, starting it on first use. */
    public static synchronized String url() {
        if (registry == null) {
            registry = ServiceProcess.start("registry-service", JAR, "registry", Map.of(
                    "smallrye.jwt.sign.key.location", LocalStackTestResource.keys().privateKey().toUri().toString(),
                    "switchboard.registry.bootstrap-admin-key", ADMIN_KEY,
                    "switchboard.registry.service-key", SERVICE_KEY,
                    "switchboard.outbound.allow-private-addresses", "true",
                    "switchboard.stdio.allowed-commands", "node,npx"));
            ServiceProcess started = registry;
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "registry-test-shutdown"));
        }
        return registry.url();
    }
}
