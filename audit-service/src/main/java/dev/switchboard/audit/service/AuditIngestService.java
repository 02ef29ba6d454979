package dev.switchboard.audit.service;

import dev.switchboard.audit.mapping.AuditRowMapper;
import dev.switchboard.audit.repository.AuditEventRepository;
import dev.switchboard.audit.repository.AuditRow;
import dev.switchboard.platform.events.ConsumerGuard;
import dev.switchboard.platform.events.ConsumerStoppedException;
import dev.switchboard.platform.events.IncomingEvents;
import dev.switchboard.platform.events.MalformedEventException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Stores a batch of records in one transaction, each event once. Records that are not readable CloudEvents of a known
 * type are parked on the dead-letter topic. When the database refuses the batch because of one of its events, the
 * batch is stored record by record instead, and only the refused ones are parked, so that one bad record never stops
 * the ones behind it; while the database is away, the batch waits for it.
 */
@ApplicationScoped
public class AuditIngestService {

    static final String CONSUMER_NAME = "audit-service";

    private final IncomingEvents incoming;
    private final ConsumerGuard guard;
    private final AuditRowMapper mapper;
    private final AuditEventRepository repository;
    private final Counter stored;
    private final Counter duplicates;

    public AuditIngestService(IncomingEvents incoming, ConsumerGuard guard, AuditRowMapper mapper,
                              AuditEventRepository repository, MeterRegistry metrics) {
        this.incoming = incoming;
        this.guard = guard;
        this.mapper = mapper;
        this.repository = repository;
        this.stored = metrics.counter("switchboard.audit.events.stored");
        this.duplicates = metrics.counter("switchboard.audit.events.duplicate");
    }

    /** @return the events that were new, as stored */
    public List<AuditRow> ingest(List<ConsumerRecord<String, String>> records) {
        Map<AuditRow, ConsumerRecord<String, String>> readable = new LinkedHashMap<>();
        for (ConsumerRecord<String, String> record : records) {
            guard.retrying(CONSUMER_NAME, () -> incoming.readOrPark(record, CONSUMER_NAME)).ifPresent(event -> {
                try {
                    readable.put(mapper.toRow(event, record.value()), record);
                } catch (MalformedEventException unreadable) {
                    guard.park(record, CONSUMER_NAME, "has data its type does not allow", unreadable);
                } catch (RuntimeException unexpected) {
                    // Whatever else one record does to the mapping, it must not stop the trail for every tenant.
                    guard.park(record, CONSUMER_NAME, "could not be read", unexpected);
                }
            });
        }
        List<AuditRow> rows = List.copyOf(readable.keySet());
        try {
            return counted(rows, guard.retrying(CONSUMER_NAME, () -> store(rows)));
        } catch (ConsumerStoppedException stop) {
            throw stop;
        } catch (RuntimeException refused) {
            List<AuditRow> inserted = new ArrayList<>();
            readable.forEach((row, record) -> inserted.addAll(storeOrPark(row, record)));
            return counted(rows, inserted);
        }
    }

    private List<AuditRow> storeOrPark(AuditRow row, ConsumerRecord<String, String> record) {
        try {
            return guard.retrying(CONSUMER_NAME, () -> store(List.of(row)));
        } catch (ConsumerStoppedException stop) {
            throw stop;
        } catch (RuntimeException refused) {
            guard.park(record, CONSUMER_NAME, "could not be stored", refused);
            return List.of();
        }
    }

    private List<AuditRow> store(List<AuditRow> rows) {
        return QuarkusTransaction.requiringNew().call(() -> repository.insertIgnoringDuplicates(rows));
    }

    private List<AuditRow> counted(List<AuditRow> rows, List<AuditRow> inserted) {
        stored.increment(inserted.size());
        duplicates.increment(rows.size() - inserted.size());
        return inserted;
    }
}
