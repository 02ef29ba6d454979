package dev.switchboard.platform.health;

import dev.switchboard.platform.events.KafkaClientConfig;
import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * The database and the broker, each checked every two seconds in the background with a two-second timeout, so that
 * {@code /q/health/ready} answers within milliseconds even while one of them hangs, and says DOWN.
 */
@ApplicationScoped
public class DependencyChecks {

    private static final Duration EVERY = Duration.ofSeconds(2);
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final Duration MAX_AGE = Duration.ofSeconds(10);

    private final DependencyProbe database;
    private final DependencyProbe kafka;
    private final Admin admin;
    private final ScheduledExecutorService schedule = Executors.newSingleThreadScheduledExecutor(daemon("dependency-checks"));
    private final ExecutorService probes = Executors.newCachedThreadPool(daemon("dependency-probe"));

    public DependencyChecks(AgroalDataSource dataSource, @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        Map<String, Object> adminConfig = KafkaClientConfig.forAdmin(kafkaConfig);
        adminConfig.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        adminConfig.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        this.admin = Admin.create(adminConfig);
        this.database = new DependencyProbe("Database", () -> {
            try (Connection connection = dataSource.getConnection()) {
                if (!connection.isValid((int) TIMEOUT.toSeconds())) {
                    throw new IllegalStateException("the connection is not valid");
                }
            }
        }, TIMEOUT, MAX_AGE, Clock.systemUTC());
        this.kafka = new DependencyProbe("Kafka", () -> admin.describeCluster(new DescribeClusterOptions()
                .timeoutMs((int) TIMEOUT.toMillis())).nodes().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS),
                TIMEOUT, MAX_AGE, Clock.systemUTC());
    }

    void start(@Observes StartupEvent startup) {
        schedule.scheduleWithFixedDelay(() -> probes.submit(() -> database.probe(probes)), 0, EVERY.toMillis(), TimeUnit.MILLISECONDS);
        schedule.scheduleWithFixedDelay(() -> probes.submit(() -> kafka.probe(probes)), 0, EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent shutdown) {
        schedule.shutdownNow();
        probes.shutdownNow();
        admin.close(Duration.ofSeconds(2));
    }

    HealthCheckResponse database() {
        return database.response();
    }

    HealthCheckResponse kafka() {
        return kafka.response();
    }

    /** The database, as last checked. */
    @Readiness
    @ApplicationScoped
    public static class DatabaseReadiness implements HealthCheck {

        private final DependencyChecks checks;

        public DatabaseReadiness(DependencyChecks checks) {
            this.checks = checks;
        }

        @Override
        public HealthCheckResponse call() {
            return checks.database();
        }
    }

    /** The broker, as last checked. */
    @Readiness
    @ApplicationScoped
    public static class KafkaReadiness implements HealthCheck {

        private final DependencyChecks checks;

        public KafkaReadiness(DependencyChecks checks) {
            this.checks = checks;
        }

        @Override
        public HealthCheckResponse call() {
            return checks.kafka();
        }
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
