package dev.switchboard.audit.messaging;

import dev.switchboard.audit.service.AuditIngestService;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads every topic in batches. The batch is acknowledged, and so its offsets become committable, only after
 * {@link AuditIngestService#ingest} has committed its rows; a crash in between replays the batch, and the idempotent
 * insert makes that replay harmless.
 */
@ApplicationScoped
public class AuditEventConsumer {

    private final AuditIngestService ingest;

    public AuditEventConsumer(AuditIngestService ingest) {
        this.ingest = ingest;
    }

    @Incoming("audit-events")
    @Blocking
    public void consume(ConsumerRecords<String, String> records) {
        List<ConsumerRecord<String, String>> batch = new ArrayList<>(records.count());
        records.forEach(batch::add);
        ingest.ingest(batch);
    }
}
