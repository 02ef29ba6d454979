package dev.switchboard.audit.repository;

import java.time.Instant;
import java.util.Optional;

/**
 * What a caller asks of the audit trail. Every field is optional.
 *
 * @param tenantScope the only tenant whose events may be returned; empty for an admin looking across tenants
 * @param action      an event type, or a prefix pattern such as {@code server.*}
 * @param resource    a resource type ({@code server}) or a resource id
 */
public record AuditFilter(
        Optional<String> tenantScope,
        String action,
        String actor,
        String resource,
        String server,
        String tool,
        Boolean success,
        Instant from,
        Instant to) {

    public static AuditFilter forTenant(Optional<String> tenantScope) {
        return new AuditFilter(tenantScope, null, null, null, null, null, null, null, null);
    }

    public AuditFilter withTool(String toolName) {
        return new AuditFilter(tenantScope, action, actor, resource, server, toolName, success, from, to);
    }

    public AuditFilter withActor(String actorId) {
        return new AuditFilter(tenantScope, action, actorId, resource, server, tool, success, from, to);
    }

    public AuditFilter withAction(String pattern) {
        return new AuditFilter(tenantScope, pattern, actor, resource, server, tool, success, from, to);
    }
}
