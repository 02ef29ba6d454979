package dev.switchboard.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.model.event.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LocalStackTest {

    private static Path data;
    private static LocalStack stack;

    @BeforeAll
    static void start() throws Exception {
        data = Files.createTempDirectory("local-stack-test-");
        stack = LocalStack.start(data, 0, 0, 0, false);
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void createsOneDatabasePerServiceOnARealPostgres() throws Exception {
        try (Connection connection = DriverManager.getConnection(stack.postgres().jdbcUrl("audit"),
                EmbeddedPostgresServer.USER, EmbeddedPostgresServer.PASSWORD);
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE probe (id int PRIMARY KEY)");
            statement.execute("INSERT INTO probe VALUES (7)");
            ResultSet rows = statement.executeQuery("SELECT datname FROM pg_database WHERE datname IN "
                    + "('registry','invocation','audit','webhook') ORDER BY datname");
            List<String> names = new ArrayList<>();
            while (rows.next()) {
                names.add(rows.getString(1));
            }
            assertEquals(List.of("audit", "invocation", "registry", "webhook"), names);
        }
    }

    @Test
    void createsTheDesignTopicsOnARealBroker() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.kafka().bootstrapServers()))) {
            Set<String> topics = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            assertTrue(topics.containsAll(Topics.ALL), "topics: " + topics);
        }
    }

    @Test
    void keepsRecordsAcrossABrokerRestart() {
        String topic = Topics.WEBHOOKS;
        try (KafkaProducer<String, String> producer = producer()) {
            producer.send(new ProducerRecord<>(topic, "k", "before-restart")).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }

        stack.kafka().stop();
        stack.kafka().start();

        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer()) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    values.add(record.value());
                }
            }
        }
        assertEquals(List.of("before-restart"), values);
    }

    @Test
    void keepsTheDevKeyPairOnceGenerated() throws Exception {
        DevKeys first = DevKeys.ensure(data.resolve("keys"));
        String privateKey = Files.readString(first.privateKey());
        DevKeys second = DevKeys.ensure(data.resolve("keys"));

        assertEquals(privateKey, Files.readString(second.privateKey()));
        assertTrue(Files.readString(second.publicKey()).startsWith("-----BEGIN PUBLIC KEY-----"));
    }

    private static KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());
    }

    private static KafkaConsumer<String, String> consumer() {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "local-stack-test",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer());
    }
}
