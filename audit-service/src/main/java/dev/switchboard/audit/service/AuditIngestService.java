package dev.switchboard.audit.service;

import dev.switchboard.audit.mapping.AuditRowMapper;
import dev.switchboard.audit.repository.AuditEventRepository;
import dev.switchboard.audit.repository.AuditRow;
import dev.switchboard.platform.events.IncomingEvents;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Stores a batch of records in one transaction, each event once. Records that are not readable CloudEvents of a known
 * type are parked on the dead-letter topic, so that one bad record never stops the ones behind it.
 */
@ApplicationScoped
public class AuditIngestService {

    static final String CONSUMER_NAME = "audit-service";

    private final IncomingEvents incoming;
    private final AuditRowMapper mapper;
    private final AuditEventRepository repository;
    private final Counter stored;
    private final Counter duplicates;

    public AuditIngestService(IncomingEvents incoming, AuditRowMapper mapper, AuditEventRepository repository,
                              MeterRegistry metrics) {
        this.incoming = incoming;
        this.mapper = mapper;
        this.repository = repository;
        this.stored = metrics.counter("switchboard.audit.events.stored");
        this.duplicates = metrics.counter("switchboard.audit.events.duplicate");
    }

    /** @return the events that were new, as stored */
    @Transactional
    public List<AuditRow> ingest(List<ConsumerRecord<String, String>> records) {
        List<AuditRow> rows = new ArrayList<>(records.size());
        for (ConsumerRecord<String, String> record : records) {
            incoming.readOrPark(record, CONSUMER_NAME).ifPresent(event -> rows.add(mapper.toRow(event, record.value())));
        }
        List<AuditRow> inserted = repository.insertIgnoringDuplicates(rows);
        stored.increment(inserted.size());
        duplicates.increment(rows.size() - inserted.size());
        return inserted;
    }
}
