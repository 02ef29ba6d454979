package dev.switchboard.platform.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.model.event.EventType;
import dev.switchboard.model.event.Topics;
import dev.switchboard.platform.events.KafkaClientConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * The API keys revoked lately, learned from {@code api_key.revoked} on {@code switchboard.registry}, so that every
 * service refuses their still-unexpired tokens within moments of the revocation. Each instance reads the topic on
 * its own (no consumer group), with the service's whole Kafka configuration, starting {@code revocation-lookback}
 * back: no token lives longer than that (the registry refuses to start otherwise), so an older revocation concerns
 * no token that still works. The service is not ready until it has read that far, so that it never lets a revoked
 * token through after a restart.
 */
@ApplicationScoped
public class RevokedKeys {

    private static final Logger LOG = Logger.getLogger(RevokedKeys.class);

    private final Set<String> revoked = ConcurrentHashMap.newKeySet();
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, Object> kafkaConfig;
    private final ObjectMapper json;
    private final Duration lookback;
    private volatile KafkaConsumer<String, String> consumer;
    private volatile boolean running;
    private volatile boolean caughtUp;
    private Thread poller;

    public RevokedKeys(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, ObjectMapper json,
                       SecurityConfig config) {
        this.kafkaConfig = kafkaConfig;
        this.json = json;
        this.lookback = config.revocationLookback();
    }

    public boolean isRevoked(String keyId) {
        return keyId != null && revoked.contains(keyId);
    }

    /** Whether every revocation within the look-back has been read. */
    public boolean caughtUp() {
        return caughtUp;
    }

    /** Told the id of each key revoked from now on, for what must end with it, such as a live stream. */
    public void onRevoked(Consumer<String> listener) {
        listeners.add(listener);
    }

    void start(@Observes StartupEvent startup) {
        running = true;
        poller = new Thread(this::follow, "revoked-keys");
        poller.setDaemon(true);
        poller.start();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        running = false;
        KafkaConsumer<String, String> current = consumer;
        if (current != null) {
            current.wakeup();
        }
    }

    private void follow() {
        while (running) {
            try (KafkaConsumer<String, String> reader = newConsumer()) {
                consumer = reader;
                Map<TopicPartition, Long> end = assignFrom(reader, Instant.now().minus(lookback));
                while (running) {
                    for (ConsumerRecord<String, String> record : reader.poll(Duration.ofMillis(500))) {
                        remember(record);
                    }
                    if (!caughtUp && end.entrySet().stream().allMatch(partition -> reader.position(partition.getKey()) >= partition.getValue())) {
                        caughtUp = true;
                        LOG.debugf("Read every key revocation of the last %s", lookback);
                    }
                }
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warnf("Following key revocations failed, retrying: %s", e.getMessage());
                sleepQuietly();
            }
        }
    }

    private void remember(ConsumerRecord<String, String> record) {
        try {
            JsonNode event = json.readTree(record.value());
            if (EventType.API_KEY_REVOKED.typeName().equals(event.path("type").asText()) && event.hasNonNull("subject")) {
                String keyId = event.get("subject").asText();
                if (revoked.add(keyId)) {
                    listeners.forEach(listener -> listener.accept(keyId));
                }
            }
        } catch (Exception e) {
            // Not ours to judge: the consumers that own this topic dead-letter what they cannot read.
        }
    }

    /** @return each partition's end, as it was when reading began: reaching it means having read the look-back */
    private Map<TopicPartition, Long> assignFrom(KafkaConsumer<String, String> reader, Instant since) {
        List<TopicPartition> partitions = reader.partitionsFor(Topics.REGISTRY, Duration.ofSeconds(30)).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        reader.assign(partitions);
        Map<TopicPartition, Long> times = new HashMap<>();
        partitions.forEach(partition -> times.put(partition, since.toEpochMilli()));
        Map<TopicPartition, OffsetAndTimestamp> offsets = reader.offsetsForTimes(times, Duration.ofSeconds(30));
        Map<TopicPartition, Long> end = reader.endOffsets(partitions, Duration.ofSeconds(30));
        for (TopicPartition partition : partitions) {
            OffsetAndTimestamp offset = offsets.get(partition);
            if (offset == null) {
                reader.seekToEnd(List.of(partition));
            } else {
                reader.seek(partition, offset.offset());
            }
        }
        return end;
    }

    private KafkaConsumer<String, String> newConsumer() {
        Map<String, Object> config = KafkaClientConfig.forConsumer(kafkaConfig);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "revoked-keys-" + UUID.randomUUID());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 200);
        return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
