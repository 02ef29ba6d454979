package dev.switchboard.audit.service;

import dev.switchboard.audit.repository.AuditRow;
import dev.switchboard.model.event.EventType;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Which events a live stream receives: those of its tenant scope, of one of its types (names or prefixes such as
 * {@code server.*}; none means all) and of one of its servers (none means all).
 */
public record LiveFilter(Optional<String> tenantScope, List<String> types, List<String> servers)
        implements Predicate<AuditRow> {

    public LiveFilter {
        types = List.copyOf(types);
        servers = List.copyOf(servers);
    }

    @Override
    public boolean test(AuditRow row) {
        if (tenantScope.isPresent() && !tenantScope.get().equals(row.tenantId())) {
            return false;
        }
        if (!types.isEmpty() && types.stream().noneMatch(type -> EventType.matches(type, row.type()))) {
            return false;
        }
        return servers.isEmpty() || (row.serverId() != null && servers.contains(row.serverId()));
    }
}
