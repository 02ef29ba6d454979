package dev.switchboard.platform.events;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The service's whole Kafka configuration ({@code kafka.*}: bootstrap servers and every TLS and SASL setting) for the
 * clients the platform builds itself, so that they connect to a secured cluster exactly as the messaging channels do.
 */
public final class KafkaClientConfig {

    private KafkaClientConfig() {
    }

    public static Map<String, Object> forProducer(Map<String, Object> kafka) {
        return known(kafka, ProducerConfig.configNames());
    }

    public static Map<String, Object> forAdmin(Map<String, Object> kafka) {
        return known(kafka, AdminClientConfig.configNames());
    }

    public static Map<String, Object> forConsumer(Map<String, Object> kafka) {
        return known(kafka, ConsumerConfig.configNames());
    }

    private static Map<String, Object> known(Map<String, Object> kafka, Set<String> names) {
        Map<String, Object> config = new HashMap<>();
        kafka.forEach((name, value) -> {
            if (names.contains(name)) {
                config.put(name, value);
            }
        });
        return config;
    }
}
