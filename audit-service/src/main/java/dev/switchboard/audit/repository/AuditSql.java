package dev.switchboard.audit.repository;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A WHERE clause over audit_event built from a filter, with its parameters in order. */
final class AuditSql {

    private final StringBuilder where = new StringBuilder(" WHERE true");
    private final List<Object> parameters = new ArrayList<>();

    static AuditSql of(AuditFilter filter) {
        AuditSql sql = new AuditSql();
        filter.tenantScope().ifPresent(tenant -> sql.and("tenant_id = ?", tenant));
        if (filter.action() != null) {
            if (filter.action().endsWith("*")) {
                String prefix = filter.action().substring(0, filter.action().length() - 1);
                sql.and("type LIKE ? ESCAPE '\\'", escapeLike(prefix) + "%");
            } else {
                sql.and("type = ?", filter.action());
            }
        }
        if (filter.actor() != null) {
            sql.and("actor_id = ?", filter.actor());
        }
        if (filter.resource() != null) {
            sql.where.append(" AND (resource_type = ? OR resource_id = ?)");
            sql.parameters.add(filter.resource());
            sql.parameters.add(filter.resource());
        }
        if (filter.server() != null) {
            sql.and("server_id = ?", filter.server());
        }
        if (filter.tool() != null) {
            sql.and("tool_name = ?", filter.tool());
        }
        if (filter.success() != null) {
            sql.and("success = ?", filter.success());
        }
        if (filter.from() != null) {
            sql.and("occurred_at >= ?", filter.from());
        }
        if (filter.to() != null) {
            sql.and("occurred_at < ?", filter.to());
        }
        return sql;
    }

    AuditSql and(String condition, Object parameter) {
        where.append(" AND ").append(condition);
        parameters.add(parameter);
        return this;
    }

    String where() {
        return where.toString();
    }

    /** Binds the clause's parameters from index 1; returns the next free index. */
    int bind(PreparedStatement statement) throws SQLException {
        int index = 1;
        for (Object parameter : parameters) {
            if (parameter instanceof Instant instant) {
                statement.setTimestamp(index++, Timestamp.from(instant));
            } else {
                statement.setObject(index++, parameter);
            }
        }
        return index;
    }

    private static String escapeLike(String value) {
        return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
