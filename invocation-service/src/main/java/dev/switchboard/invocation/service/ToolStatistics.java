package dev.switchboard.invocation.service;

import dev.switchboard.invocation.api.RecentCall;
import dev.switchboard.invocation.api.RecentTool;
import dev.switchboard.invocation.api.ToolStats;
import dev.switchboard.invocation.repository.ToolUsageRepository.RecentFilter;
import dev.switchboard.invocation.repository.ToolUsageRepository.Usage;
import dev.switchboard.invocation.repository.ToolUsageRepository;
import dev.switchboard.model.server.ServerDefinition;
import dev.switchboard.platform.security.Caller;
import dev.switchboard.platform.security.ToolPatterns;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * 004's tool statistics, recent tools and tool history, from the usage every replica shares ({@link ToolUsage}):
 * counted per tenant, shown only for servers and tools the caller may see. History and recent tools come from the
 * calls kept for recent activity (each tenant's newest 200); the whole trail is the audit service's.
 */
@ApplicationScoped
public class ToolStatistics {

    static final int TOP_TOOLS = 10;
    static final int DAYS = 30;

    private final ToolCatalog catalog;
    private final ServerDirectory directory;
    private final ToolUsage usage;

    public ToolStatistics(ToolCatalog catalog, ServerDirectory directory, ToolUsage usage) {
        this.catalog = catalog;
        this.directory = directory;
        this.usage = usage;
    }

    /** A tool's usage, of a server the caller sees. */
    private record Counted(ServerDefinition server, String tool, Usage usage) {
    }

    public ToolStats stats(Caller caller) {
        List<Counted> used = usage.byTool(caller.tenantScope()).entrySet().stream()
                .flatMap(entry -> visibleServer(entry.getKey().serverId(), entry.getKey().tool(), caller)
                        .map(server -> new Counted(server, entry.getKey().tool(), entry.getValue())).stream())
                .toList();
        List<ToolStats.TopTool> top = used.stream()
                .sorted(Comparator.comparingLong((Counted counted) -> counted.usage().calls()).reversed()
                        .thenComparing(Counted::tool))
                .limit(TOP_TOOLS)
                .map(ToolStatistics::topTool)
                .toList();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        List<ToolStats.DayCount> days = usage.byDay(today.minusDays(DAYS - 1L), caller.tenantScope()).entrySet().stream()
                .sorted(Map.Entry.<LocalDate, Long>comparingByKey().reversed())
                .map(day -> new ToolStats.DayCount(day.getKey(), day.getValue()))
                .toList();
        return new ToolStats(catalog.visible(caller).size(), used.stream().mapToLong(counted -> counted.usage().calls())
                .sum(), top, days);
    }

    /** The tools the calling key used most lately, each once. */
    public List<RecentTool> recent(Caller caller, int limit) {
        RecentFilter byThisKey = new RecentFilter(caller.tenantScope(), Optional.of(caller.keyId()), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
        Map<String, RecentTool> tools = new LinkedHashMap<>();
        for (RecentCall call : usage.recent(byThisKey, ToolUsageRepository.RECENT_CALLS)) {
            String qualifiedName = call.serverName() + ToolCatalog.SEPARATOR + call.tool();
            if (tools.size() < limit && visibleServer(call.serverId(), call.tool(), caller).isPresent()) {
                tools.putIfAbsent(qualifiedName, new RecentTool(call.tool(), qualifiedName, call.serverId(),
                        call.serverName(), call.at()));
            }
        }
        return List.copyOf(tools.values());
    }

    /** The latest kept calls of one tool, found as invoke finds it, newest first, within {@code [from, to)}. */
    public List<RecentCall> history(String name, Instant from, Instant to, int limit, Caller caller) {
        ToolCatalog.Offered offered = catalog.resolve(name, null, caller);
        return usage.recent(new RecentFilter(caller.tenantScope(), Optional.empty(), Optional.of(offered.server().id()),
                Optional.of(offered.tool().name()), Optional.ofNullable(from), Optional.ofNullable(to)), limit);
    }

    private Optional<ServerDefinition> visibleServer(UUID serverId, String tool, Caller caller) {
        return directory.get(serverId).filter(server -> directory.visibleTo(server, caller))
                .filter(server -> ToolPatterns.allows(caller.toolPatterns(), server.name(), tool));
    }

    private static ToolStats.TopTool topTool(Counted counted) {
        ServerDefinition server = counted.server();
        Usage calls = counted.usage();
        return new ToolStats.TopTool(counted.tool(), server.name() + ToolCatalog.SEPARATOR + counted.tool(), server.id(),
                server.name(), calls.calls(), calls.errors(), calls.calls() == 0 ? null : calls.durationMs() / calls.calls());
    }
}
