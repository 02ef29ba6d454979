package dev.switchboard.testsupport;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.switchboard.model.event.EventEnvelope;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends CloudEvents to the test stack's broker as a service does (the topic of their type, keyed by subject), for
 * tests of a service that consumes them.
 */
public final class TopicWriter implements AutoCloseable {

    private final KafkaProducer<String, String> producer;

    private TopicWriter(KafkaProducer<String, String> producer) {
        this.producer = producer;
    }

    public static TopicWriter open() {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                LocalStackTestResource.shared().kafka().bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all");
        return new TopicWriter(new KafkaProducer<>(config, new StringSerializer(), new StringSerializer()));
    }

    /** Sends one event and waits until the broker has it; returns its id. */
    public String send(EventEnvelope event) {
        return sendAll(List.of(event)).get(0);
    }

    /**
     * Sends events without waiting between them, so that a consumer may well read them in one batch, and then waits
     * until the broker has them all; returns their ids.
     */
    public List<String> sendAll(List<EventEnvelope> events) {
        try {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (EventEnvelope event : events) {
                String topic = event.knownType()
                        .orElseThrow(() -> new IllegalArgumentException("no topic for " + event.type())).topic();
                sent.add(producer.send(new ProducerRecord<>(topic, event.subject(),
                        TestJson.MAPPER.writeValueAsString(event))));
            }
            for (Future<RecordMetadata> each : sent) {
                each.get(30, TimeUnit.SECONDS);
            }
            return events.stream().map(EventEnvelope::id).toList();
        } catch (JsonProcessingException | ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not send events: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while sending events", e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
