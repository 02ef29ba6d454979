package dev.switchboard.audit.repository;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** Reads of the audit trail in plain SQL: filtered pages, a streaming cursor for exports, and replay for SSE. */
@ApplicationScoped
public class AuditSearchRepository {

    static final String COLUMNS = "event_id, occurred_at, type, source, tenant_id, actor_id, resource_type, "
            + "resource_id, server_id, tool_name, success, duration_ms, envelope::text";
    private static final int EXPORT_FETCH_SIZE = 1000;

    private final AgroalDataSource dataSource;

    public AuditSearchRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Optional<AuditRow> find(String eventId, AuditFilter filter) {
        AuditSql sql = AuditSql.of(filter).and("event_id = ?", eventId);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("SELECT " + COLUMNS + " FROM audit_event" + sql.where())) {
            sql.bind(statement);
            return readAll(statement).stream().findFirst();
        } catch (SQLException e) {
            throw new IllegalStateException("Audit lookup failed", e);
        }
    }

    /** Newest first. */
    public List<AuditRow> page(AuditFilter filter, int limit, int offset) {
        AuditSql sql = AuditSql.of(filter);
        String query = "SELECT " + COLUMNS + " FROM audit_event" + sql.where()
                + " ORDER BY occurred_at DESC, event_id DESC LIMIT ? OFFSET ?";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(query)) {
            int next = sql.bind(statement);
            statement.setInt(next, limit);
            statement.setInt(next + 1, offset);
            return readAll(statement);
        } catch (SQLException e) {
            throw new IllegalStateException("Audit query failed", e);
        }
    }

    public long count(AuditFilter filter) {
        AuditSql sql = AuditSql.of(filter);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("SELECT count(*) FROM audit_event" + sql.where())) {
            sql.bind(statement);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Audit count failed", e);
        }
    }

    /**
     * Hands every matching row, newest first, to {@code each} through a server-side cursor, so that an export of any
     * size holds one fetch of rows in memory at a time.
     */
    public void stream(AuditFilter filter, Consumer<AuditRow> each) {
        AuditSql sql = AuditSql.of(filter);
        String query = "SELECT " + COLUMNS + " FROM audit_event" + sql.where() + " ORDER BY occurred_at DESC, event_id DESC";
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            // PostgreSQL only uses a cursor inside a transaction.
            connection.setAutoCommit(false);
            try (PreparedStatement statement = connection.prepareStatement(query)) {
                statement.setFetchSize(EXPORT_FETCH_SIZE);
                sql.bind(statement);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        each.accept(read(rows));
                    }
                }
            } finally {
                connection.rollback();
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Audit export failed", e);
        }
    }

    /** The matching events stored after {@code lastEventId}, oldest first: what an SSE client missed. */
    public List<AuditRow> after(AuditFilter filter, String lastEventId, int max) {
        AuditSql sql = AuditSql.of(filter);
        String query = "SELECT " + COLUMNS + " FROM audit_event" + sql.where()
                + " AND (occurred_at, event_id) > (SELECT occurred_at, event_id FROM audit_event WHERE event_id = ?)"
                + " ORDER BY occurred_at, event_id LIMIT ?";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(query)) {
            int next = sql.bind(statement);
            statement.setString(next, lastEventId);
            statement.setInt(next + 1, max);
            return readAll(statement);
        } catch (SQLException e) {
            throw new IllegalStateException("Audit replay failed", e);
        }
    }

    /** Deletes at most {@code batch} events older than {@code cutoff}; returns how many went. */
    public int purgeOlderThan(Instant cutoff, int batch) {
        String delete = "DELETE FROM audit_event WHERE event_id IN "
                + "(SELECT event_id FROM audit_event WHERE occurred_at < ? LIMIT ?)";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(delete)) {
            statement.setTimestamp(1, Timestamp.from(cutoff));
            statement.setInt(2, batch);
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Audit retention purge failed", e);
        }
    }

    private static List<AuditRow> readAll(PreparedStatement statement) throws SQLException {
        List<AuditRow> found = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                found.add(read(rows));
            }
        }
        return found;
    }

    static AuditRow read(ResultSet rows) throws SQLException {
        boolean success = rows.getBoolean(11);
        Boolean successOrNull = rows.wasNull() ? null : success;
        long duration = rows.getLong(12);
        Long durationOrNull = rows.wasNull() ? null : duration;
        return new AuditRow(rows.getString(1), rows.getTimestamp(2).toInstant(), rows.getString(3), rows.getString(4),
                rows.getString(5), rows.getString(6), rows.getString(7), rows.getString(8), rows.getString(9),
                rows.getString(10), successOrNull, durationOrNull, rows.getString(13));
    }
}
