package dev.switchboard.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sustained audit ingestion, from produced to queryable: sends N tool.invoked events to the running broker as fast as
 * an idempotent producer can, and times until the audit database holds all of them.
 */
public final class AuditIngestBench {

    public static void main(String[] args) throws Exception {
        int events = Integer.parseInt(args.length > 0 ? args[0] : "100000");
        String bootstrap = BenchSupport.env("SWITCHBOARD_KAFKA_BOOTSTRAP", "127.0.0.1:9092");
        String jdbc = BenchSupport.env("SWITCHBOARD_DB_URL", "jdbc:postgresql://127.0.0.1:5432") + "/audit";
        String tenant = "bench-" + UUID.randomUUID();

        long start = System.nanoTime();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 10, ProducerConfig.BATCH_SIZE_CONFIG, 131072),
                new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < events; i++) {
                producer.send(BenchSupport.toolInvoked(UUID.randomUUID().toString(), tenant, i));
            }
            producer.flush();
        }
        long produced = System.nanoTime();

        try (Connection connection = DriverManager.getConnection(jdbc, BenchSupport.env("SWITCHBOARD_DB_USER", "postgres"),
                BenchSupport.env("SWITCHBOARD_DB_PASSWORD", "postgres"));
             PreparedStatement count = connection.prepareStatement("SELECT count(*) FROM audit_event WHERE tenant_id = ?")) {
            count.setString(1, tenant);
            long stored = 0;
            while (stored < events) {
                Thread.sleep(100);
                try (ResultSet rows = count.executeQuery()) {
                    rows.next();
                    stored = rows.getLong(1);
                }
                if (System.nanoTime() - produced > 600_000_000_000L) {
                    throw new IllegalStateException("only " + stored + " of " + events + " stored after 10 minutes");
                }
            }
        }
        long queryable = System.nanoTime();
        double produceSeconds = (produced - start) / 1e9;
        double totalSeconds = (queryable - start) / 1e9;
        System.out.printf("events=%d produce=%.1fs (%.0f ev/s) produced-to-queryable=%.1fs sustained=%.0f ev/s%n",
                events, produceSeconds, events / produceSeconds, totalSeconds, events / totalSeconds);
    }
}
