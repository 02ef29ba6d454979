package dev.switchboard.invocation.service;

import static dev.switchboard.invocation.repository.ToolUsageRepository.RECENT_CALLS;

import dev.switchboard.invocation.api.RecentCall;
import dev.switchboard.invocation.repository.ToolUsageRepository.DayKey;
import dev.switchboard.invocation.repository.ToolUsageRepository.RecentFilter;
import dev.switchboard.invocation.repository.ToolUsageRepository.TenantCall;
import dev.switchboard.invocation.repository.ToolUsageRepository.ToolKey;
import dev.switchboard.invocation.repository.ToolUsageRepository.Usage;
import dev.switchboard.invocation.repository.ToolUsageRepository;
import dev.switchboard.platform.security.Caller;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * How often and how lately each tool was called, per tenant, for sorting by usage and recency and for the monitor
 * (its counts and its recent activity): a tenant sees its own calls of a global server it shares with others, and
 * admins see them all. Calls are counted in memory and added to the shared tables every flush interval, so that a
 * call costs no database write and every replica reads the same numbers; reads add what this replica has not written
 * yet.
 */
@ApplicationScoped
public class ToolUsage {

    private static final Logger LOG = Logger.getLogger(ToolUsage.class);
    private static final String NO_TENANT = "";

    private final ToolUsageRepository repository;
    private final Map<ToolKey, Usage> pendingTools = new ConcurrentHashMap<>();
    private final Map<DayKey, Long> pendingDays = new ConcurrentHashMap<>();
    private volatile Pending writing = Pending.NONE;
    /** This replica's calls not written yet, newest first; older ones than a tenant keeps are not worth writing. */
    private final Deque<TenantCall> pendingRecent = new ArrayDeque<>(RECENT_CALLS);

    private record Pending(Map<ToolKey, Usage> tools, Map<DayKey, Long> days, List<TenantCall> recent) {
        static final Pending NONE = new Pending(Map.of(), Map.of(), List.of());
    }

    public ToolUsage(ToolUsageRepository repository) {
        this.repository = repository;
    }

    public void record(Caller caller, RecentCall call) {
        String owner = caller.tenantId() == null ? NO_TENANT : caller.tenantId();
        pendingTools.merge(new ToolKey(owner, call.serverId(), call.tool()),
                new Usage(1, call.success() ? 0 : 1, call.durationMs(), call.at()), Usage::plus);
        pendingDays.merge(new DayKey(owner, LocalDate.ofInstant(call.at(), ZoneOffset.UTC)), 1L, Long::sum);
        synchronized (pendingRecent) {
            if (pendingRecent.size() == RECENT_CALLS) {
                pendingRecent.removeLast();
            }
            pendingRecent.addFirst(new TenantCall(owner, caller.keyId(), call));
        }
    }

    /** The latest kept calls that {@code filter} matches, newest first. */
    public List<RecentCall> recent(RecentFilter filter, int limit) {
        List<TenantCall> calls = new ArrayList<>();
        try {
            calls.addAll(repository.recent(filter, limit));
        } catch (SQLException e) {
            LOG.warnf("Recent activity shows this replica's unwritten calls only; the database did not answer: %s",
                    e.getMessage());
        }
        calls.addAll(writing.recent());
        synchronized (pendingRecent) {
            calls.addAll(pendingRecent);
        }
        return calls.stream().filter(filter::matches).map(TenantCall::call).sorted(Comparator.comparing(RecentCall::at).reversed()).limit(limit).toList();
    }

    /** Puts back calls that could not be written, behind the newer ones, as far as there is room. */
    private void putBackRecent(List<TenantCall> newestFirst) {
        synchronized (pendingRecent) {
            for (TenantCall call : newestFirst) {
                if (pendingRecent.size() == RECENT_CALLS) {
                    return;
                }
                pendingRecent.addLast(call);
            }
        }
    }

    @Scheduled(every = "${switchboard.invocation.usage.flush-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void flush() {
        List<TenantCall> recent;
        synchronized (pendingRecent) {
            recent = new ArrayList<>(pendingRecent);
            pendingRecent.clear();
        }
        Pending batch = new Pending(drain(pendingTools), drain(pendingDays), recent);
        if (batch.tools().isEmpty() && batch.recent().isEmpty()) {
            return;
        }
        writing = batch;
        try {
            repository.add(batch.tools(), batch.days(), batch.recent());
        } catch (SQLException e) {
            LOG.warnf("Tool usage stays in memory until the database answers: %s", e.getMessage());
            batch.tools().forEach((key, usage) -> pendingTools.merge(key, usage, Usage::plus));
            batch.days().forEach((key, calls) -> pendingDays.merge(key, calls, Long::sum));
            putBackRecent(batch.recent());
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

    /** Calls per UTC day from {@code from} on, by the tenant in scope or, without one, by all. */
    public Map<LocalDate, Long> byDay(LocalDate from, Optional<String> tenantScope) {
        Map<LocalDate, Long> days = new HashMap<>();
        try {
            days.putAll(repository.callsByDay(from, tenantScope));
        } catch (SQLException e) {
            LOG.warnf("Calls by day show this replica's unwritten calls only; the database did not answer: %s",
                    e.getMessage());
        }
        for (Map<DayKey, Long> unwritten : List.of(writing.days(), pendingDays)) {
            unwritten.forEach((key, calls) -> {
                if (!key.day().isBefore(from) && (tenantScope.isEmpty() || tenantScope.get().equals(key.tenant()))) {
                    days.merge(key.day(), calls, Long::sum);
                }
            });
        }
        return days;
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
