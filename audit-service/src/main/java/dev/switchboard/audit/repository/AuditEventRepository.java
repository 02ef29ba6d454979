package dev.switchboard.audit.repository;

import io.agroal.api.AgroalDataSource;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class AuditEventRepository implements PanacheRepositoryBase<AuditEventEntity, String> {

    private static final String INSERT_IGNORING_DUPLICATES = """
            INSERT INTO audit_event (event_id, occurred_at, type, source, tenant_id, actor_id, resource_type,
                                     resource_id, server_id, tool_name, success, duration_ms, envelope)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb))
            ON CONFLICT (event_id) DO NOTHING
            """;

    private final AgroalDataSource dataSource;

    public AuditEventRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Inserts the rows in one JDBC batch inside the caller's transaction. A row whose event id is already stored is
     * skipped, which makes redelivered events harmless.
     *
     * @return how many rows were new
     */
    public int insertIgnoringDuplicates(List<AuditRow> rows) {
        if (rows.isEmpty()) {
            return 0;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(INSERT_IGNORING_DUPLICATES)) {
            for (AuditRow row : rows) {
                bind(insert, row);
                insert.addBatch();
            }
            int inserted = 0;
            for (int count : insert.executeBatch()) {
                inserted += Math.max(count, 0);
            }
            return inserted;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not store " + rows.size() + " audit events", e);
        }
    }

    public Optional<AuditEventEntity> findVisible(String eventId, Optional<String> tenantId) {
        return findByIdOptional(eventId)
                .filter(event -> tenantId.isEmpty() || tenantId.get().equals(event.tenantId));
    }

    private static void bind(PreparedStatement insert, AuditRow row) throws SQLException {
        insert.setString(1, row.eventId());
        insert.setTimestamp(2, Timestamp.from(row.occurredAt()));
        insert.setString(3, row.type());
        insert.setString(4, row.source());
        insert.setString(5, row.tenantId());
        insert.setString(6, row.actorId());
        insert.setString(7, row.resourceType());
        insert.setString(8, row.resourceId());
        insert.setString(9, row.serverId());
        insert.setString(10, row.toolName());
        if (row.success() == null) {
            insert.setNull(11, Types.BOOLEAN);
        } else {
            insert.setBoolean(11, row.success());
        }
        if (row.durationMs() == null) {
            insert.setNull(12, Types.BIGINT);
        } else {
            insert.setLong(12, row.durationMs());
        }
        insert.setString(13, row.envelopeJson());
    }
}
