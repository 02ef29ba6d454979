package dev.switchboard.platform.events;

import dev.switchboard.model.event.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;

/**
 * Parks a record that a consumer cannot read on {@link Topics#DEAD_LETTER}, unchanged, with headers that say where it
 * came from and why it was refused, so that the consumer can go on with the records after it.
 */
@ApplicationScoped
public class DeadLetterPublisher {

    public static final String ORIGINAL_TOPIC = "dlq-original-topic";
    public static final String ORIGINAL_PARTITION = "dlq-original-partition";
    public static final String ORIGINAL_OFFSET = "dlq-original-offset";
    public static final String REASON = "dlq-reason";
    public static final String CONSUMER = "dlq-consumer";

    private final KafkaSender sender;

    public DeadLetterPublisher(KafkaSender sender) {
        this.sender = sender;
    }

    public CompletionStage<RecordMetadata> park(ConsumerRecord<String, String> original, String consumer, String reason) {
        ProducerRecord<String, String> parked = new ProducerRecord<>(Topics.DEAD_LETTER, original.key(), original.value());
        for (Header header : original.headers()) {
            parked.headers().add(header);
        }
        parked.headers()
                .add(ORIGINAL_TOPIC, bytes(original.topic()))
                .add(ORIGINAL_PARTITION, bytes(String.valueOf(original.partition())))
                .add(ORIGINAL_OFFSET, bytes(String.valueOf(original.offset())))
                .add(CONSUMER, bytes(consumer))
                .add(REASON, bytes(reason));
        return sender.send(parked);
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
