package dev.switchboard.audit.repository;

import dev.switchboard.audit.api.AuditStats.DayCount;
import dev.switchboard.audit.api.AuditStats.ToolUsage;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.List;

/** Aggregates over tool invocations ({@code tool.invoked} and {@code tool.error}). */
@ApplicationScoped
public class AuditStatsRepository {

    private static final String INVOCATIONS = " AND type IN ('tool.invoked', 'tool.error')";

    private final Jdbc jdbc;

    public AuditStatsRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @RegisterForReflection
    public record Totals(long invocations, long errors) {
    }

    public Totals totals(AuditFilter filter) {
        AuditSql sql = AuditSql.of(filter);
        return jdbc.one("SELECT count(*), count(*) FILTER (WHERE success = false) FROM audit_event" + sql.where()
                + INVOCATIONS, sql::bind, row -> new Totals(row.getLong(1), row.getLong(2)));
    }

    public List<ToolUsage> topTools(AuditFilter filter, int limit) {
        AuditSql sql = AuditSql.of(filter);
        String query = "SELECT tool_name, server_id, max(envelope->'data'->>'serverName'), count(*),"
                + " count(*) FILTER (WHERE success = false),"
                + " percentile_cont(0.5) WITHIN GROUP (ORDER BY duration_ms),"
                + " percentile_cont(0.95) WITHIN GROUP (ORDER BY duration_ms)"
                + " FROM audit_event" + sql.where() + INVOCATIONS + " AND tool_name IS NOT NULL"
                + " GROUP BY tool_name, server_id ORDER BY count(*) DESC, tool_name LIMIT ?";
        return jdbc.list(query, statement -> statement.setInt(sql.bind(statement), limit),
                row -> new ToolUsage(row.getString(1), row.getString(2), row.getString(3), row.getLong(4),
                        row.getLong(5), row.getObject(6, Double.class), row.getObject(7, Double.class)));
    }

    public List<DayCount> byDay(AuditFilter filter) {
        AuditSql sql = AuditSql.of(filter);
        String query = "SELECT (occurred_at AT TIME ZONE 'UTC')::date AS day, count(*),"
                + " count(*) FILTER (WHERE success = false) FROM audit_event" + sql.where() + INVOCATIONS
                + " GROUP BY day ORDER BY day";
        return jdbc.list(query, sql::bind,
                row -> new DayCount(row.getObject(1, LocalDate.class), row.getLong(2), row.getLong(3)));
    }

    /** The tools a key used most recently, each once, newest first. */
    public List<String> recentTools(AuditFilter filter, int limit) {
        AuditSql sql = AuditSql.of(filter);
        String query = "SELECT tool_name FROM audit_event" + sql.where() + INVOCATIONS + " AND tool_name IS NOT NULL"
                + " GROUP BY tool_name ORDER BY max(occurred_at) DESC LIMIT ?";
        return jdbc.list(query, statement -> statement.setInt(sql.bind(statement), limit), row -> row.getString(1));
    }
}
