package dev.switchboard.audit.repository;

import io.agroal.api.AgroalDataSource;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

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
     * @return the rows that were new, in the order given
     */
    public List<AuditRow> insertIgnoringDuplicates(List<AuditRow> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(INSERT_IGNORING_DUPLICATES)) {
            for (AuditRow row : rows) {
                bind(insert, row);
                insert.addBatch();
            }
            int[] counts = insert.executeBatch();
            List<AuditRow> inserted = new ArrayList<>(rows.size());
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] > 0) {
                    inserted.add(rows.get(i));
                }
            }
            return inserted;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not store " + rows.size() + " audit events", e);
        }
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
