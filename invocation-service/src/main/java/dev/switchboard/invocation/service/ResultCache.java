package dev.switchboard.invocation.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.switchboard.invocation.config.InvocationConfig;
import dev.switchboard.invocation.rest.CacheStats;
import dev.switchboard.invocation.rest.InvokeResult;
import dev.switchboard.model.server.CachePolicy;
import dev.switchboard.model.server.ServerDefinition;
import dev.switchboard.platform.security.ToolPatterns;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Tool results that a server's {@link CachePolicy} lets this replica serve again, keyed by tenant, server, tool and
 * the arguments in canonical form (object members sorted), so that equal calls hit whatever order their members
 * came in. Only results that are not {@code isError} are kept.
 */
@ApplicationScoped
public class ResultCache {

    private static final ObjectMapper PLAIN = new ObjectMapper();

    private record Entry(UUID serverId, String serverName, String tool, String tenant, InvokeResult result,
                         Instant expiresAt, long bytes) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();
    private final InvocationConfig.Cache config;

    public ResultCache(InvocationConfig config) {
        this.config = config.cache();
    }

    public boolean applies(ServerDefinition server, McpSchema.Tool tool) {
        CachePolicy policy = server.cache();
        if (!config.enabled()) {
            return false;
        }
        boolean listed = policy.enabled() && (policy.tools().isEmpty()
                || policy.tools().stream().anyMatch(pattern -> ToolPatterns.allows(List.of("*/" + pattern), server.name(), tool.name())));
        boolean readOnly = policy.readOnlyTools() && tool.annotations() != null && Boolean.TRUE.equals(tool.annotations().readOnlyHint());
        return listed || readOnly;
    }

    public Optional<InvokeResult> get(String tenant, ServerDefinition server, String tool, Map<String, Object> arguments) {
        Entry entry = entries.get(key(tenant, server.id(), tool, arguments));
        if (entry == null || entry.expiresAt().isBefore(Instant.now())) {
            misses.incrementAndGet();
            return Optional.empty();
        }
        hits.incrementAndGet();
        return Optional.of(entry.result());
    }

    public void put(String tenant, ServerDefinition server, String tool, Map<String, Object> arguments, InvokeResult result) {
        if (result.isError()) {
            return;
        }
        Instant now = Instant.now();
        if (entries.size() >= config.maxEntries()) {
            entries.values().removeIf(entry -> entry.expiresAt().isBefore(now));
        }
        if (entries.size() >= config.maxEntries()) {
            entries.entrySet().stream().min(Comparator.comparing(candidate -> candidate.getValue().expiresAt()))
                    .ifPresent(oldest -> entries.remove(oldest.getKey()));
        }
        long bytes = 2L * PLAIN.valueToTree(result).toString().length();
        entries.put(key(tenant, server.id(), tool, arguments), new Entry(server.id(), server.name(), tool, tenant, result,
                now.plusSeconds(server.cache().ttlSeconds()), bytes));
    }

    /**
     * @param pattern a glob over {@code <server name>/<tool name>}, or none for all
     * @param tenant  only this tenant's entries, or all when {@code null}
     * @return how many entries were removed
     */
    public int clear(String pattern, UUID serverId, String tenant, boolean everyTenant) {
        List<String> removed = new ArrayList<>();
        entries.forEach((key, entry) -> {
            boolean matches = (pattern == null || ToolPatterns.allows(List.of(pattern), entry.serverName(), entry.tool()))
                    && (serverId == null || serverId.equals(entry.serverId()))
                    && (everyTenant || String.valueOf(tenant).equals(entry.tenant()));
            if (matches) {
                removed.add(key);
            }
        });
        removed.forEach(entries::remove);
        return removed.size();
    }

    public CacheStats stats() {
        Instant now = Instant.now();
        entries.values().removeIf(entry -> entry.expiresAt().isBefore(now));
        long hit = hits.get();
        long miss = misses.get();
        return new CacheStats(config.enabled(), entries.size(), hit, miss, hit + miss == 0 ? 0.0 : (double) hit / (hit + miss),
                entries.values().stream().mapToLong(Entry::bytes).sum());
    }

    private static String key(String tenant, UUID serverId, String tool, Map<String, Object> arguments) {
        return tenant + "\u0000" + serverId + "\u0000" + tool + "\u0000" + canonical(PLAIN.valueToTree(arguments));
    }

    /** JSON with every object's members in name order, at every depth. */
    static String canonical(JsonNode node) {
        if (node.isObject()) {
            TreeMap<String, JsonNode> sorted = new TreeMap<>();
            node.fields().forEachRemaining(member -> sorted.put(member.getKey(), member.getValue()));
            List<String> members = new ArrayList<>();
            sorted.forEach((name, value) -> members.add(TextNode.valueOf(name) + ":" + canonical(value)));
            return "{" + String.join(",", members) + "}";
        }
        if (node.isArray()) {
            List<String> items = new ArrayList<>();
            node.forEach(item -> items.add(canonical(item)));
            return "[" + String.join(",", items) + "]";
        }
        return node.toString();
    }
}
