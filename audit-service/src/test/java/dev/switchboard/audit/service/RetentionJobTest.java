package dev.switchboard.audit.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.audit.AuditRows;
import dev.switchboard.audit.repository.AuditEventRepository;
import dev.switchboard.audit.repository.AuditRow;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RetentionJobTest {

    @Inject
    RetentionJob retention;

    @Inject
    AuditEventRepository repository;

    @Test
    void purgesEventsPastTheRetentionInBatchesAndKeepsTheRest() {
        String tenant = "retention-" + UUID.randomUUID();
        Instant now = Instant.parse("2030-01-01T00:00:00Z");
        Instant expired = now.minus(Duration.ofDays(91));
        Instant kept = now.minus(Duration.ofDays(89));
        List<AuditRow> rows = new ArrayList<>();
        for (int i = 0; i < RetentionJob.BATCH * 2 + 7; i++) {
            rows.add(AuditRows.invocation(tenant, "k", "s", "echo", true, 1, expired.minusSeconds(i)));
        }
        rows.add(AuditRows.invocation(tenant, "k", "s", "echo", true, 1, kept));
        QuarkusTransaction.requiringNew().run(() -> repository.insertIgnoringDuplicates(rows));

        long purged = retention.purge(now);

        assertTrue(purged >= RetentionJob.BATCH * 2 + 7, "older events of other tests may go too, but not fewer");
        assertEquals(1, QuarkusTransaction.requiringNew().call(() -> repository.count("tenantId", tenant)));
    }
}
