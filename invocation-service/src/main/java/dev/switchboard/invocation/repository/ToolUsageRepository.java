package dev.switchboard.invocation.repository;

import dev.switchboard.invocation.api.RecentCall;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Tool usage as every replica shares it: counts are added, never overwritten, so replicas that flush at the same
 * time both count.
 */
@ApplicationScoped
public class ToolUsageRepository {

    /** One tool of one server, as a tenant used it. */
    public record ToolKey(String tenant, UUID serverId, String tool) {
    }

    /** Calls, how many of them failed, how long they took together, and the latest of them. */
    public record Usage(long calls, long errors, long durationMs, Instant lastUsedAt) {
        public static final Usage NEVER = new Usage(0, 0, 0, null);

        public Usage plus(Usage other) {
            Instant last = lastUsedAt == null || (other.lastUsedAt != null && other.lastUsedAt.isAfter(lastUsedAt))
                    ? other.lastUsedAt : lastUsedAt;
            return new Usage(calls + other.calls, errors + other.errors, durationMs + other.durationMs, last);
        }
    }

    /** Calls of a tenant on one UTC day. */
    public record DayKey(String tenant, LocalDate day) {
    }

    /** A call as one tenant made it; a tenant keeps its newest {@link #RECENT_CALLS}. */
    public record TenantCall(String tenant, RecentCall call) {
    }

    public static final int RECENT_CALLS = 200;

    private final AgroalDataSource dataSource;

    public ToolUsageRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void add(Map<ToolKey, Usage> tools, Map<DayKey, Long> days, List<TenantCall> recent) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement toolRows = connection.prepareStatement("""
                    INSERT INTO tool_usage (tenant_id, server_id, tool, calls, errors, duration_ms, last_used_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (tenant_id, server_id, tool) DO UPDATE SET calls = tool_usage.calls + EXCLUDED.calls,
                        errors = tool_usage.errors + EXCLUDED.errors,
                        duration_ms = tool_usage.duration_ms + EXCLUDED.duration_ms,
                        last_used_at = GREATEST(tool_usage.last_used_at, EXCLUDED.last_used_at)""");
                 PreparedStatement dayRows = connection.prepareStatement("""
                    INSERT INTO tool_calls_by_day (tenant_id, day, calls) VALUES (?, ?, ?)
                    ON CONFLICT (tenant_id, day) DO UPDATE SET calls = tool_calls_by_day.calls + EXCLUDED.calls""");
                 PreparedStatement recentRows = connection.prepareStatement("""
                    INSERT INTO recent_calls (tenant_id, at, server_id, server_name, tool, duration_ms, success, cached)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)""");
                 PreparedStatement trim = connection.prepareStatement("""
                    DELETE FROM recent_calls WHERE tenant_id = ? AND at < (SELECT at FROM recent_calls
                        WHERE tenant_id = ? ORDER BY at DESC OFFSET %d LIMIT 1)""".formatted(RECENT_CALLS - 1))) {
                // One order for every replica, so that two flushes touching the same rows cannot deadlock.
                for (var tool : tools.entrySet().stream().sorted(Map.Entry.comparingByKey(
                        Comparator.comparing(ToolKey::tenant).thenComparing(ToolKey::serverId)
                                .thenComparing(ToolKey::tool))).toList()) {
                    toolRows.setString(1, tool.getKey().tenant());
                    toolRows.setObject(2, tool.getKey().serverId());
                    toolRows.setString(3, tool.getKey().tool());
                    toolRows.setLong(4, tool.getValue().calls());
                    toolRows.setLong(5, tool.getValue().errors());
                    toolRows.setLong(6, tool.getValue().durationMs());
                    toolRows.setTimestamp(7, Timestamp.from(tool.getValue().lastUsedAt()));
                    toolRows.addBatch();
                }
                for (var day : days.entrySet().stream().sorted(Map.Entry.comparingByKey(
                        Comparator.comparing(DayKey::tenant).thenComparing(DayKey::day))).toList()) {
                    dayRows.setString(1, day.getKey().tenant());
                    dayRows.setDate(2, Date.valueOf(day.getKey().day()));
                    dayRows.setLong(3, day.getValue());
                    dayRows.addBatch();
                }
                for (TenantCall made : recent) {
                    RecentCall call = made.call();
                    recentRows.setString(1, made.tenant());
                    recentRows.setTimestamp(2, Timestamp.from(call.at()));
                    recentRows.setObject(3, call.serverId());
                    recentRows.setString(4, call.serverName());
                    recentRows.setString(5, call.tool());
                    recentRows.setLong(6, call.durationMs());
                    recentRows.setBoolean(7, call.success());
                    recentRows.setBoolean(8, call.cached());
                    recentRows.addBatch();
                }
                for (String tenant : recent.stream().map(TenantCall::tenant).distinct().sorted().toList()) {
                    trim.setString(1, tenant);
                    trim.setString(2, tenant);
                    trim.addBatch();
                }
                toolRows.executeBatch();
                dayRows.executeBatch();
                recentRows.executeBatch();
                trim.executeBatch();
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    /** Usage per server and tool, of one tenant or, without one, of all tenants together. */
    public Map<ToolKey, Usage> totals(Optional<String> tenant) throws SQLException {
        String sql = "SELECT server_id, tool, sum(calls), sum(errors), sum(duration_ms), max(last_used_at) FROM tool_usage"
                + (tenant.isPresent() ? " WHERE tenant_id = ?" : "") + " GROUP BY server_id, tool";
        Map<ToolKey, Usage> totals = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(sql)) {
            if (tenant.isPresent()) {
                query.setString(1, tenant.get());
            }
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    totals.put(new ToolKey(tenant.orElse(null), rows.getObject(1, UUID.class), rows.getString(2)),
                            new Usage(rows.getLong(3), rows.getLong(4), rows.getLong(5), rows.getTimestamp(6).toInstant()));
                }
            }
        }
        return totals;
    }

    public long callsOn(LocalDate day, Optional<String> tenant) throws SQLException {
        String sql = "SELECT coalesce(sum(calls), 0) FROM tool_calls_by_day WHERE day = ?"
                + (tenant.isPresent() ? " AND tenant_id = ?" : "");
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(sql)) {
            query.setDate(1, Date.valueOf(day));
            if (tenant.isPresent()) {
                query.setString(2, tenant.get());
            }
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /** The newest calls, of one tenant or, without one, of all tenants, newest first. */
    public List<TenantCall> recent(Optional<String> tenant, int limit) throws SQLException {
        String sql = "SELECT tenant_id, at, server_id, server_name, tool, duration_ms, success, cached FROM recent_calls"
                + (tenant.isPresent() ? " WHERE tenant_id = ?" : "") + " ORDER BY at DESC LIMIT ?";
        List<TenantCall> calls = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(sql)) {
            int parameter = 1;
            if (tenant.isPresent()) {
                query.setString(parameter++, tenant.get());
            }
            query.setInt(parameter, limit);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    calls.add(new TenantCall(rows.getString(1), new RecentCall(rows.getTimestamp(2).toInstant(),
                            rows.getObject(3, UUID.class), rows.getString(4), rows.getString(5), rows.getLong(6),
                            rows.getBoolean(7), rows.getBoolean(8))));
                }
            }
        }
        return calls;
    }
}
