package dev.switchboard.audit.repository;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Aggregates over tool invocations ({@code tool.invoked} and {@code tool.error}). */
@ApplicationScoped
public class AuditStatsRepository {

    private static final String INVOCATIONS = " AND type IN ('tool.invoked', 'tool.error')";

    private final AgroalDataSource dataSource;

    public AuditStatsRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public record Totals(long invocations, long errors) {
    }

    public record ToolUsage(String tool, String serverId, String serverName, long invocations, long errors,
                            Double p50DurationMs, Double p95DurationMs) {
    }

    public record DayCount(LocalDate day, long invocations, long errors) {
    }

    public Totals totals(AuditFilter filter) {
        AuditSql sql = AuditSql.of(filter);
        String query = "SELECT count(*), count(*) FILTER (WHERE success = false) FROM audit_event" + sql.where() + INVOCATIONS;
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(query)) {
            sql.bind(statement);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return new Totals(rows.getLong(1), rows.getLong(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Audit totals failed", e);
        }
    }

    public List<ToolUsage> topTools(AuditFilter filter, int limit) {
        AuditSql sql = AuditSql.of(filter);
        String query = "SELECT tool_name, server_id, max(envelope->'data'->>'serverName'), count(*),"
                + " count(*) FILTER (WHERE success = false),"
                + " percentile_cont(0.5) WITHIN GROUP (ORDER BY duration_ms),"
                + " percentile_cont(0.95) WITHIN GROUP (ORDER BY duration_ms)"
                + " FROM audit_event" + sql.where() + INVOCATIONS + " AND tool_name IS NOT NULL"
                + " GROUP BY tool_name, server_id ORDER BY count(*) DESC, tool_name LIMIT ?";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setInt(sql.bind(statement), limit);
            List<ToolUsage> tools = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    tools.add(new ToolUsage(rows.getString(1), rows.getString(2), rows.getString(3), rows.getLong(4),
                            rows.getLong(5), nullableDouble(rows, 6), nullableDouble(rows, 7)));
                }
            }
            return tools;
        } catch (SQLException e) {
            throw new IllegalStateException("Audit tool statistics failed", e);
        }
    }

    public List<DayCount> byDay(AuditFilter filter) {
        AuditSql sql = AuditSql.of(filter);
        String query = "SELECT (occurred_at AT TIME ZONE 'UTC')::date AS day, count(*),"
                + " count(*) FILTER (WHERE success = false) FROM audit_event" + sql.where() + INVOCATIONS
                + " GROUP BY day ORDER BY day";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(query)) {
            sql.bind(statement);
            List<DayCount> days = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    days.add(new DayCount(rows.getObject(1, LocalDate.class), rows.getLong(2), rows.getLong(3)));
                }
            }
            return days;
        } catch (SQLException e) {
            throw new IllegalStateException("Audit daily statistics failed", e);
        }
    }

    /** The tools a key used most recently, each once, newest first. */
    public List<String> recentTools(AuditFilter filter, int limit) {
        AuditSql sql = AuditSql.of(filter);
        String query = "SELECT tool_name FROM audit_event" + sql.where() + INVOCATIONS + " AND tool_name IS NOT NULL"
                + " GROUP BY tool_name ORDER BY max(occurred_at) DESC LIMIT ?";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setInt(sql.bind(statement), limit);
            List<String> tools = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    tools.add(rows.getString(1));
                }
            }
            return tools;
        } catch (SQLException e) {
            throw new IllegalStateException("Recent tools query failed", e);
        }
    }

    private static Double nullableDouble(ResultSet rows, int column) throws SQLException {
        double value = rows.getDouble(column);
        return rows.wasNull() ? null : value;
    }
}
