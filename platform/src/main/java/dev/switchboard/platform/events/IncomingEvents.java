package dev.switchboard.platform.events;

import dev.switchboard.model.event.EventEnvelope;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * How every consumer reads a record: a CloudEvent of a known type, or else the record is parked on the dead-letter
 * topic, counted and logged, so that one bad record never stops the ones behind it.
 */
@ApplicationScoped
public class IncomingEvents {

    private static final Logger LOG = Logger.getLogger(IncomingEvents.class);

    private final EventCodec codec;
    private final DeadLetterPublisher deadLetters;
    private final MeterRegistry metrics;

    public IncomingEvents(EventCodec codec, DeadLetterPublisher deadLetters, MeterRegistry metrics) {
        this.codec = codec;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
    }

    /**
     * @param consumer the consuming service, recorded on a parked record
     * @return the event, or empty when the record was parked
     * @throws DependencyUnavailableException when a bad record could not be parked either; it must then be consumed again
     */
    public Optional<EventEnvelope> readOrPark(ConsumerRecord<String, String> record, String consumer) {
        try {
            EventEnvelope event = codec.read(record.value());
            if (event.knownType().isEmpty()) {
                throw new MalformedEventException("unknown event type " + event.type());
            }
            return Optional.of(event);
        } catch (MalformedEventException e) {
            park(record, consumer, e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Parks a record on the dead-letter topic with its reason, counted and logged.
     *
     * @throws DependencyUnavailableException when the broker did not take it; the record must then be consumed again
     */
    public void park(ConsumerRecord<String, String> record, String consumer, String reason) {
        metrics.counter("switchboard.events.dead.lettered", "consumer", consumer, "topic", record.topic()).increment();
        LOG.warnf("Parking %s-%d@%d on the dead-letter topic: %s", record.topic(), record.partition(), record.offset(),
                reason);
        try {
            deadLetters.park(record, consumer, reason).toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DependencyUnavailableException("Interrupted while parking a record", e);
        } catch (Exception e) {
            throw new DependencyUnavailableException("Could not park a record on the dead-letter topic", e);
        }
    }
}
