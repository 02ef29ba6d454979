package dev.switchboard.platform.events;

import dev.switchboard.model.event.EventEnvelope;
import dev.switchboard.model.event.EventType;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/** Publishes envelopes to the topic of their type, keyed by subject so that one resource's events stay in order. */
@ApplicationScoped
public class EventPublisher {

    static final String CONTENT_TYPE_HEADER = "content-type";

    private final KafkaSender sender;
    private final EventCodec codec;

    public EventPublisher(KafkaSender sender, EventCodec codec) {
        this.sender = sender;
        this.codec = codec;
    }

    /** Sends to the topic that carries the event's type; completes when the broker has acknowledged it. */
    public CompletionStage<RecordMetadata> publish(EventEnvelope event) {
        return publish(encode(event));
    }

    /** The record that {@link #publish(EventEnvelope)} would send. */
    public EncodedEvent encode(EventEnvelope event) {
        String topic = event.knownType().map(EventType::topic)
                .orElseThrow(() -> new IllegalArgumentException("No topic for event type " + event.type()));
        return new EncodedEvent(topic, event.subject(), codec.write(event));
    }

    /** Sends an event encoded earlier; completes when the broker has acknowledged it. */
    public CompletionStage<RecordMetadata> publish(EncodedEvent event) {
        ProducerRecord<String, String> record = new ProducerRecord<>(event.topic(), event.key(), event.value());
        record.headers().add(CONTENT_TYPE_HEADER, EventEnvelope.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        return sender.send(record);
    }
}
