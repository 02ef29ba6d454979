package dev.switchboard.audit.service;

import dev.switchboard.audit.repository.AuditSearchRepository;
import dev.switchboard.audit.config.AuditConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Deletes events older than {@code switchboard.audit.retention-days}, in batches, each its own short transaction,
 * so that a large purge never holds long locks or one huge transaction.
 */
@ApplicationScoped
public class RetentionJob {

    private static final Logger LOG = Logger.getLogger(RetentionJob.class);
    static final int BATCH = 5_000;

    private final AuditSearchRepository repository;
    private final int retentionDays;

    public RetentionJob(AuditSearchRepository repository, AuditConfig config) {
        this.repository = repository;
        this.retentionDays = config.retentionDays();
    }

    @Scheduled(every = "${switchboard.audit.retention-interval:1h}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledPurge() {
        purge(Instant.now());
    }

    /** @return how many events were deleted */
    public long purge(Instant now) {
        Instant cutoff = now.minus(Duration.ofDays(retentionDays));
        long total = 0;
        int deleted;
        do {
            deleted = repository.purgeOlderThan(cutoff, BATCH);
            total += deleted;
        } while (deleted == BATCH);
        if (total > 0) {
            LOG.infof("Retention removed %d events older than %s", total, cutoff);
        }
        return total;
    }
}
