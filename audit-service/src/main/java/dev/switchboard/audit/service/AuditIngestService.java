package dev.switchboard.audit.service;

import dev.switchboard.audit.mapping.AuditRowMapper;
import dev.switchboard.audit.repository.AuditEventRepository;
import dev.switchboard.audit.repository.AuditRow;
import dev.switchboard.model.event.EventEnvelope;
import dev.switchboard.platform.events.DeadLetterPublisher;
import dev.switchboard.platform.events.EventCodec;
import dev.switchboard.platform.events.MalformedEventException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * Stores a batch of records in one transaction, each event once. Records that are not readable CloudEvents of a known
 * type are parked on the dead-letter topic first, so that one bad record never stops the ones behind it.
 */
@ApplicationScoped
public class AuditIngestService {

    static final String CONSUMER_NAME = "audit-service";
    private static final Logger LOG = Logger.getLogger(AuditIngestService.class);

    private final EventCodec codec;
    private final AuditRowMapper mapper;
    private final AuditEventRepository repository;
    private final DeadLetterPublisher deadLetters;
    private final Counter stored;
    private final Counter duplicates;
    private final Counter malformed;

    public AuditIngestService(EventCodec codec, AuditRowMapper mapper, AuditEventRepository repository,
                              DeadLetterPublisher deadLetters, MeterRegistry metrics) {
        this.codec = codec;
        this.mapper = mapper;
        this.repository = repository;
        this.deadLetters = deadLetters;
        this.stored = metrics.counter("switchboard.audit.events.stored");
        this.duplicates = metrics.counter("switchboard.audit.events.duplicate");
        this.malformed = metrics.counter("switchboard.audit.events.malformed");
    }

    @Transactional
    public int ingest(List<ConsumerRecord<String, String>> records) {
        List<AuditRow> rows = new ArrayList<>(records.size());
        for (ConsumerRecord<String, String> record : records) {
            try {
                EventEnvelope event = codec.read(record.value());
                if (event.knownType().isEmpty()) {
                    throw new MalformedEventException("unknown event type " + event.type());
                }
                rows.add(mapper.toRow(event, record.value()));
            } catch (MalformedEventException e) {
                park(record, e.getMessage());
            }
        }
        int inserted = repository.insertIgnoringDuplicates(rows);
        stored.increment(inserted);
        duplicates.increment(rows.size() - inserted);
        return inserted;
    }

    private void park(ConsumerRecord<String, String> record, String reason) {
        malformed.increment();
        LOG.warnf("Skipping %s-%d@%d to the dead-letter topic: %s", record.topic(), record.partition(), record.offset(),
                reason);
        try {
            deadLetters.park(record, CONSUMER_NAME, reason).toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            // Not parked means not safe to skip: fail the batch so that it is consumed again.
            throw new IllegalStateException("Could not park a malformed record on the dead-letter topic", e);
        }
    }
}
