package dev.switchboard.audit.messaging;

import dev.switchboard.audit.service.AuditIngestService;
import dev.switchboard.audit.service.LiveEventHub;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads every topic in batches. The batch is acknowledged, and so its offsets become committable, only after
 * {@link AuditIngestService#ingest} has committed its rows or parked the records it could not store; a crash in
 * between replays the batch, and the idempotent insert makes that replay harmless. Newly stored events then go to the
 * live SSE streams.
 */
@ApplicationScoped
public class AuditEventConsumer {

    private final AuditIngestService ingest;
    private final LiveEventHub live;

    public AuditEventConsumer(AuditIngestService ingest, LiveEventHub live) {
        this.ingest = ingest;
        this.live = live;
    }

    @Incoming("audit-events")
    @Blocking
    public void consume(ConsumerRecords<String, String> records) {
        List<ConsumerRecord<String, String>> batch = new ArrayList<>(records.count());
        records.forEach(batch::add);
        // Only committed, first-seen events go live, so that a stream never shows what a query would not.
        live.publish(ingest.ingest(batch));
    }
}
