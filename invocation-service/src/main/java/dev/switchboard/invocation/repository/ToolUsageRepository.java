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

    /** A call as one tenant's key made it; a tenant keeps its newest {@link #RECENT_CALLS}. */
    public record TenantCall(String tenant, String keyId, RecentCall call) {
    }

    /**
     * Which of the kept calls to read; an empty part matches every call.
     *
     * @param from inclusive
     * @param to   exclusive
     */
    public record RecentFilter(Optional<String> tenant, Optional<String> keyId, Optional<UUID> serverId,
                               Optional<String> tool, Optional<Instant> from, Optional<Instant> to) {

        public static RecentFilter of(Optional<String> tenant) {
            return new RecentFilter(tenant, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty());
        }

        public boolean matches(TenantCall made) {
            RecentCall call = made.call();
            return tenant.map(made.tenant()::equals).orElse(true) && keyId.map(made.keyId()::equals).orElse(true)
                    && serverId.map(call.serverId()::equals).orElse(true) && tool.map(call.tool()::equals).orElse(true)
                    && from.map(start -> !call.at().isBefore(start)).orElse(true)
                    && to.map(call.at()::isBefore).orElse(true);
        }

        private String where() {
            List<String> conditions = new ArrayList<>();
            tenant.ifPresent(value -> conditions.add("tenant_id = ?"));
            keyId.ifPresent(value -> conditions.add("key_id = ?"));
            serverId.ifPresent(value -> conditions.add("server_id = ?"));
            tool.ifPresent(value -> conditions.add("tool = ?"));
            from.ifPresent(value -> conditions.add("at >= ?"));
            to.ifPresent(value -> conditions.add("at < ?"));
            return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        }

        private List<Object> parameters() {
            List<Object> values = new ArrayList<>();
            tenant.ifPresent(values::add);
            keyId.ifPresent(values::add);
            serverId.ifPresent(values::add);
            tool.ifPresent(values::add);
            from.map(Timestamp::from).ifPresent(values::add);
            to.map(Timestamp::from).ifPresent(values::add);
            return values;
        }
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
                    INSERT INTO recent_calls (tenant_id, key_id, at, server_id, server_name, tool, duration_ms, success,
                        cached) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""");
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
                    recentRows.setString(2, made.keyId());
                    recentRows.setTimestamp(3, Timestamp.from(call.at()));
                    recentRows.setObject(4, call.serverId());
                    recentRows.setString(5, call.serverName());
                    recentRows.setString(6, call.tool());
                    recentRows.setLong(7, call.durationMs());
                    recentRows.setBoolean(8, call.success());
                    recentRows.setBoolean(9, call.cached());
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

    /** Calls per UTC day from {@code from} on, of one tenant or, without one, of all tenants, newest day first. */
    public Map<LocalDate, Long> callsByDay(LocalDate from, Optional<String> tenant) throws SQLException {
        String sql = "SELECT day, sum(calls) FROM tool_calls_by_day WHERE day >= ?"
                + (tenant.isPresent() ? " AND tenant_id = ?" : "") + " GROUP BY day";
        Map<LocalDate, Long> days = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(sql)) {
            query.setDate(1, Date.valueOf(from));
            if (tenant.isPresent()) {
                query.setString(2, tenant.get());
            }
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    days.put(rows.getDate(1).toLocalDate(), rows.getLong(2));
                }
            }
        }
        return days;
    }

    /** The newest kept calls that {@code filter} matches, newest first. */
    public List<TenantCall> recent(RecentFilter filter, int limit) throws SQLException {
        String sql = "SELECT tenant_id, key_id, at, server_id, server_name, tool, duration_ms, success, cached"
                + " FROM recent_calls" + filter.where() + " ORDER BY at DESC LIMIT ?";
        List<TenantCall> calls = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(sql)) {
            List<Object> parameters = filter.parameters();
            for (int i = 0; i < parameters.size(); i++) {
                query.setObject(i + 1, parameters.get(i));
            }
            query.setInt(parameters.size() + 1, limit);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    calls.add(new TenantCall(rows.getString(1), rows.getString(2), new RecentCall(
                            rows.getTimestamp(3).toInstant(), rows.getObject(4, UUID.class), rows.getString(5),
                            rows.getString(6), rows.getLong(7), rows.getBoolean(8), rows.getBoolean(9))));
                }
            }
        }
        return calls;
    }
}
