package dev.switchboard.audit.repository;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** Reads of the audit trail: filtered pages, a streaming cursor for exports, replay for SSE, and retention. */
@ApplicationScoped
public class AuditSearchRepository {

    private static final String SELECT = "SELECT event_id, occurred_at, type, source, tenant_id, actor_id, resource_type,"
            + " resource_id, server_id, tool_name, success, duration_ms, envelope::text FROM audit_event";
    private static final String NEWEST_FIRST = " ORDER BY occurred_at DESC, event_id DESC";
    private static final int EXPORT_FETCH_SIZE = 1000;

    private final Jdbc jdbc;

    public AuditSearchRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<AuditRow> find(String eventId, AuditFilter filter) {
        AuditSql sql = AuditSql.of(filter).and("event_id = ?", eventId);
        return jdbc.list(SELECT + sql.where(), sql::bind, AuditSearchRepository::read).stream().findFirst();
    }

    /** Newest first. */
    public List<AuditRow> page(AuditFilter filter, int limit, int offset) {
        AuditSql sql = AuditSql.of(filter);
        return jdbc.list(SELECT + sql.where() + NEWEST_FIRST + " LIMIT ? OFFSET ?", statement -> {
            int next = sql.bind(statement);
            statement.setInt(next, limit);
            statement.setInt(next + 1, offset);
        }, AuditSearchRepository::read);
    }

    public long count(AuditFilter filter) {
        AuditSql sql = AuditSql.of(filter);
        return jdbc.one("SELECT count(*) FROM audit_event" + sql.where(), sql::bind, row -> row.getLong(1));
    }

    /** The matching events stored after {@code lastEventId}, oldest first: what an SSE client missed. */
    public List<AuditRow> after(AuditFilter filter, String lastEventId, int max) {
        AuditSql sql = AuditSql.of(filter);
        String query = SELECT + sql.where()
                + " AND (occurred_at, event_id) > (SELECT occurred_at, event_id FROM audit_event WHERE event_id = ?)"
                + " ORDER BY occurred_at, event_id LIMIT ?";
        return jdbc.list(query, statement -> {
            int next = sql.bind(statement);
            statement.setString(next, lastEventId);
            statement.setInt(next + 1, max);
        }, AuditSearchRepository::read);
    }

    /** Deletes at most {@code batch} events older than {@code cutoff}; returns how many went. */
    public int purgeOlderThan(Instant cutoff, int batch) {
        return jdbc.update("DELETE FROM audit_event WHERE event_id IN "
                + "(SELECT event_id FROM audit_event WHERE occurred_at < ? LIMIT ?)", statement -> {
            statement.setTimestamp(1, Timestamp.from(cutoff));
            statement.setInt(2, batch);
        });
    }

    /**
     * Hands every matching row, newest first, to {@code each} through a server-side cursor, so that an export of any
     * size holds one fetch of rows in memory at a time.
     */
    public void stream(AuditFilter filter, Consumer<AuditRow> each) {
        AuditSql sql = AuditSql.of(filter);
        try (Connection connection = jdbc.connection()) {
            boolean autoCommit = connection.getAutoCommit();
            // PostgreSQL only uses a cursor inside a transaction.
            connection.setAutoCommit(false);
            try (PreparedStatement statement = connection.prepareStatement(SELECT + sql.where() + NEWEST_FIRST)) {
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

    static AuditRow read(ResultSet rows) throws SQLException {
        return new AuditRow(rows.getString(1), rows.getTimestamp(2).toInstant(), rows.getString(3), rows.getString(4),
                rows.getString(5), rows.getString(6), rows.getString(7), rows.getString(8), rows.getString(9),
                rows.getString(10), rows.getObject(11, Boolean.class), rows.getObject(12, Long.class), rows.getString(13));
    }
}
