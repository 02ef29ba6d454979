package dev.switchboard.localstack;

import dev.switchboard.model.event.Topics;
import java.nio.file.Path;
import java.util.List;

/**
 * The real parts behind Switchboard on one machine: PostgreSQL with one database per service, and a KRaft broker
 * with the topics of DESIGN §3. {@link LocalStackMain} runs it for {@code bin/switchboard up}, and the test-support
 * module's {@code LocalStackTestResource} for every service's tests.
 */
public final class LocalStack implements AutoCloseable {

    /** One database per service, named after it. */
    public static final List<String> DATABASES = List.of("registry", "invocation", "audit", "webhook");
    public static final int TOPIC_PARTITIONS = 3;

    private final EmbeddedPostgresServer postgres;
    private final EmbeddedKafkaBroker kafka;

    private LocalStack(EmbeddedPostgresServer postgres, EmbeddedKafkaBroker kafka) {
        this.postgres = postgres;
        this.kafka = kafka;
    }

    /**
     * @param dataDirectory  holds {@code postgres/} and {@code kafka/}; kept between runs
     * @param postgresPort   0 for a free port
     * @param kafkaPort      0 for a free port
     * @param controllerPort 0 for a free port
     * @param durable        whether PostgreSQL flushes to disk (the local run) or not (throw-away test data)
     */
    public static LocalStack start(Path dataDirectory, int postgresPort, int kafkaPort, int controllerPort,
                                   boolean durable) {
        EmbeddedPostgresServer postgres =
                EmbeddedPostgresServer.start(dataDirectory.resolve("postgres"), postgresPort, durable);
        try {
            postgres.ensureDatabases(DATABASES);
            EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start(dataDirectory.resolve("kafka"), kafkaPort, controllerPort);
            kafka.ensureTopics(Topics.ALL, TOPIC_PARTITIONS);
            return new LocalStack(postgres, kafka);
        } catch (RuntimeException e) {
            postgres.close();
            throw e;
        }
    }

    public EmbeddedPostgresServer postgres() {
        return postgres;
    }

    public EmbeddedKafkaBroker kafka() {
        return kafka;
    }

    @Override
    public void close() {
        try {
            kafka.close();
        } finally {
            postgres.close();
        }
    }
}
