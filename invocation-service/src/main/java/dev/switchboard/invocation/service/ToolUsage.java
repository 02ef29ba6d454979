package dev.switchboard.invocation.service;

import dev.switchboard.invocation.api.RecentCall;
import dev.switchboard.invocation.repository.ToolUsageRepository.DayKey;
import dev.switchboard.invocation.repository.ToolUsageRepository.ToolKey;
import dev.switchboard.invocation.repository.ToolUsageRepository.Usage;
import dev.switchboard.invocation.repository.ToolUsageRepository;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * How often and how lately each tool was called, per tenant, for sorting by usage and recency and for the monitor: a
 * tenant sees its own calls of a global server it shares with others, and admins see them all. Calls are counted in
 * memory and added to the shared table every flush interval, so that a call costs no database write and every replica
 * reads the same numbers; reads add what this replica has not written yet.
 */
@ApplicationScoped
public class ToolUsage {

    private static final Logger LOG = Logger.getLogger(ToolUsage.class);
    private static final String NO_TENANT = "";
    private static final int RECENT_CALLS = 200;

    private final ToolUsageRepository repository;
    private final Map<ToolKey, Usage> pendingTools = new ConcurrentHashMap<>();
    private final Map<DayKey, Long> pendingDays = new ConcurrentHashMap<>();
    private volatile Pending writing = Pending.NONE;
    private final Deque<TenantCall> recent = new ArrayDeque<>(RECENT_CALLS);

    private record Pending(Map<ToolKey, Usage> tools, Map<DayKey, Long> days) {
        static final Pending NONE = new Pending(Map.of(), Map.of());
    }

    public ToolUsage(ToolUsageRepository repository) {
        this.repository = repository;
    }

    private record TenantCall(String tenant, RecentCall call) {
    }

    public void record(String tenant, RecentCall call) {
        String owner = tenant == null ? NO_TENANT : tenant;
        pendingTools.merge(new ToolKey(owner, call.serverId(), call.tool()),
                new Usage(1, call.success() ? 0 : 1, call.durationMs(), call.at()), Usage::plus);
        pendingDays.merge(new DayKey(owner, LocalDate.ofInstant(call.at(), ZoneOffset.UTC)), 1L, Long::sum);
        synchronized (recent) {
            if (recent.size() == RECENT_CALLS) {
                recent.removeLast();
            }
            recent.addFirst(new TenantCall(owner, call));
        }
    }

    /** This replica's latest calls, newest first, of the tenant in scope or, without one, of all tenants. */
    public List<RecentCall> recent(Optional<String> tenantScope, int limit) {
        synchronized (recent) {
            return recent.stream().filter(call -> tenantScope.isEmpty() || tenantScope.get().equals(call.tenant()))
                    .limit(limit).map(TenantCall::call).toList();
        }
    }

    @Scheduled(every = "${switchboard.invocation.usage.flush-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void flush() {
        Pending batch = new Pending(drain(pendingTools), drain(pendingDays));
        if (batch.tools().isEmpty()) {
            return;
        }
        writing = batch;
        try {
            repository.add(batch.tools(), batch.days());
        } catch (SQLException e) {
            LOG.warnf("Tool usage stays in memory until the database answers: %s", e.getMessage());
            batch.tools().forEach((key, usage) -> pendingTools.merge(key, usage, Usage::plus));
            batch.days().forEach((key, calls) -> pendingDays.merge(key, calls, Long::sum));
        } finally {
            writing = Pending.NONE;
        }
    }

    void flushBeforeStopping(@Observes ShutdownEvent shutdown) {
        flush();
    }

    /** Usage by server and tool, of the tenant in scope or, without one, of all tenants. */
    public Map<ToolKey, Usage> byTool(Optional<String> tenantScope) {
        Map<ToolKey, Usage> totals = new HashMap<>();
        try {
            totals.putAll(repository.totals(tenantScope));
        } catch (SQLException e) {
            LOG.warnf("Tool usage shows this replica's recent calls only; the database did not answer: %s", e.getMessage());
        }
        for (Map<ToolKey, Usage> unwritten : List.of(writing.tools(), pendingTools)) {
            unwritten.forEach((key, usage) -> {
                if (tenantScope.isEmpty() || tenantScope.get().equals(key.tenant())) {
                    totals.merge(new ToolKey(tenantScope.orElse(null), key.serverId(), key.tool()), usage, Usage::plus);
                }
            });
        }
        return totals;
    }

    /** Calls that reached a tool today (UTC), by the tenant in scope or, without one, by all. */
    public long today(Optional<String> tenantScope) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        long calls = 0;
        try {
            calls = repository.callsOn(today, tenantScope);
        } catch (SQLException e) {
            LOG.warnf("Today's calls show this replica's recent calls only; the database did not answer: %s", e.getMessage());
        }
        for (Map<DayKey, Long> unwritten : List.of(writing.days(), pendingDays)) {
            for (var day : unwritten.entrySet()) {
                if (day.getKey().day().equals(today)
                        && (tenantScope.isEmpty() || tenantScope.get().equals(day.getKey().tenant()))) {
                    calls += day.getValue();
                }
            }
        }
        return calls;
    }

    private static <K, V> Map<K, V> drain(Map<K, V> pending) {
        Map<K, V> drained = new HashMap<>();
        for (K key : pending.keySet()) {
            V value = pending.remove(key);
            if (value != null) {
                drained.put(key, value);
            }
        }
        return drained;
    }
}
