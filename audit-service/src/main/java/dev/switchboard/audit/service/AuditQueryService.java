package dev.switchboard.audit.service;

import dev.switchboard.audit.api.AuditEntry;
import dev.switchboard.audit.api.AuditQueryParams;
import dev.switchboard.audit.api.AuditStats;
import dev.switchboard.audit.mapping.AuditEntryMapper;
import dev.switchboard.audit.repository.AuditFilter;
import dev.switchboard.audit.repository.AuditSearchRepository;
import dev.switchboard.audit.repository.AuditStatsRepository.Totals;
import dev.switchboard.audit.repository.AuditStatsRepository;
import dev.switchboard.model.api.PageResult;
import dev.switchboard.platform.error.ApiException;
import dev.switchboard.platform.error.Timestamps;
import dev.switchboard.platform.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Answers audit queries within the caller's tenant: a manager or user sees its own tenant, and another tenant's event
 * is as missing as one never stored; an admin sees all, or one tenant with {@code tenant=}.
 */
@ApplicationScoped
public class AuditQueryService {

    private static final int TOP_TOOLS = 10;
    private static final Duration DEFAULT_STATS_RANGE = Duration.ofDays(30);

    private final AuditSearchRepository search;
    private final AuditStatsRepository stats;
    private final AuditEntryMapper mapper;

    public AuditQueryService(AuditSearchRepository search, AuditStatsRepository stats, AuditEntryMapper mapper) {
        this.search = search;
        this.stats = stats;
        this.mapper = mapper;
    }

    public AuditEntry get(String eventId, Caller caller) {
        return search.find(eventId, AuditFilter.forTenant(scope(caller, null))).map(mapper::toEntry)
                .orElseThrow(() -> ApiException.notFound("audit entry", eventId));
    }

    public PageResult<AuditEntry> list(AuditQueryParams params, Caller caller) {
        AuditFilter filter = filter(params, caller);
        List<AuditEntry> items = search.page(filter, params.limit, params.offset).stream().map(mapper::toEntry).toList();
        return new PageResult<>(items, search.count(filter), params.limit, params.offset);
    }

    public AuditStats stats(AuditQueryParams params, Caller caller) {
        AuditFilter requested = filter(params, caller);
        Instant to = requested.to() == null ? Instant.now() : requested.to();
        Instant from = requested.from() == null ? to.minus(DEFAULT_STATS_RANGE) : requested.from();
        AuditFilter filter = new AuditFilter(requested.tenantScope(), requested.action(), requested.actor(),
                requested.resource(), requested.server(), requested.tool(), requested.success(), from, to);
        Totals totals = stats.totals(filter);
        double errorRate = totals.invocations() == 0 ? 0 : (double) totals.errors() / totals.invocations();
        return new AuditStats(from, to, totals.invocations(), errorRate, stats.topTools(filter, TOP_TOOLS),
                stats.byDay(filter));
    }

    public PageResult<AuditEntry> toolHistory(String tool, AuditQueryParams params, Caller caller) {
        AuditFilter filter = filter(params, caller).withTool(tool).withAction("tool.*");
        List<AuditEntry> items = search.page(filter, params.limit, params.offset).stream().map(mapper::toEntry).toList();
        return new PageResult<>(items, search.count(filter), params.limit, params.offset);
    }

    /** The tools the calling key used recently, most recent first. */
    public List<String> recentTools(Caller caller, int limit) {
        return stats.recentTools(AuditFilter.forTenant(scope(caller, null)).withActor(caller.keyId()), limit);
    }

    /** The filter an export or stream runs with, validated and scoped like a query. */
    public AuditFilter filter(AuditQueryParams params, Caller caller) {
        Instant from = Timestamps.parse("from", params.from);
        Instant to = Timestamps.parse("to", params.to);
        if (from != null && to != null && !from.isBefore(to)) {
            throw ApiException.invalid("from", "must be before to");
        }
        Boolean success = params.success == null ? null : Boolean.valueOf(params.success);
        return new AuditFilter(scope(caller, params.tenant), params.action, params.actor, params.resource,
                params.server, params.tool, success, from, to);
    }

    /**
     * The tenant a caller may see: an admin any ({@code requested}, or all when none), anyone else only its own; a
     * caller bound to no tenant sees nothing.
     */
    public static Optional<String> scope(Caller caller, String requested) {
        return caller.seesAllTenants() ? Optional.ofNullable(requested) : caller.tenantScope();
    }
}
