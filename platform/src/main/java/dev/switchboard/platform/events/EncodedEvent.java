package dev.switchboard.platform.events;

import java.util.Objects;

/**
 * An event as its Kafka record carries it: the topic of its type, its subject as the key, and the CloudEvents JSON as
 * the value. Encoding once lets an event be stored and sent later without being read back into an envelope.
 */
public record EncodedEvent(String topic, String key, String value) {

    public EncodedEvent {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(value, "value");
    }
}
