package dev.switchboard.invocation.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.switchboard.invocation.api.CacheStats;
import dev.switchboard.invocation.api.InvokeResult;
import dev.switchboard.invocation.config.InvocationConfig;
import dev.switchboard.invocation.mcp.Catalog;
import dev.switchboard.model.server.CachePolicy;
import dev.switchboard.model.server.ServerDefinition;
import dev.switchboard.platform.security.ToolPatterns;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Tool results that a server's {@link CachePolicy} lets this replica serve again, keyed by tenant, server, tool and
 * the arguments in canonical form (object members sorted), so that equal calls hit whatever order their members
 * came in. Only results that are not {@code isError} are kept. It holds at most {@code max-entries} results and
 * {@code max-bytes} of them, as serialized; the oldest go first, and a result larger than a tenth of the budget is
 * not kept at all.
 */
@ApplicationScoped
public class ResultCache {

    private record Entry(UUID serverId, String serverName, String tool, String tenant, InvokeResult result,
                         Instant storedAt, Instant expiresAt, long bytes) {
    }

    /** One tenant's hits and misses. */
    private record Counts(LongAdder hits, LongAdder misses) {
        Counts() {
            this(new LongAdder(), new LongAdder());
        }
    }

    /** In insertion order, which is the order of eviction. */
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>();
    private final Map<String, Counts> counts = new ConcurrentHashMap<>();
    private final InvocationConfig.Cache config;
    private final ObjectMapper json;
    private long bytes;

    public ResultCache(InvocationConfig config, ObjectMapper json) {
        this.config = config.cache();
        this.json = json;
    }

    public boolean applies(ServerDefinition server, Catalog.Tool tool) {
        CachePolicy policy = server.cache();
        if (!config.enabled()) {
            return false;
        }
        boolean listed = policy.enabled() && (policy.tools().isEmpty()
                || policy.tools().stream().anyMatch(pattern -> ToolPatterns.allows(List.of("*/" + pattern), server.name(), tool.name())));
        return listed || (policy.readOnlyTools() && tool.readOnly());
    }

    public Optional<InvokeResult> get(String tenant, ServerDefinition server, String tool, Map<String, Object> arguments) {
        String key = key(tenant, server.id(), tool, arguments);
        Entry entry;
        synchronized (this) {
            entry = entries.get(key);
            if (entry != null && entry.expiresAt().isBefore(Instant.now())) {
                remove(key);
                entry = null;
            }
        }
        Counts tenantCounts = counts.computeIfAbsent(String.valueOf(tenant), ignored -> new Counts());
        (entry == null ? tenantCounts.misses() : tenantCounts.hits()).increment();
        return Optional.ofNullable(entry).map(Entry::result);
    }

    public void put(String tenant, ServerDefinition server, String tool, Map<String, Object> arguments, InvokeResult result) {
        if (result.isError()) {
            return;
        }
        long size;
        try {
            size = json.writeValueAsBytes(result).length;
        } catch (JsonProcessingException e) {
            return;
        }
        if (size > config.maxBytes() / 10) {
            return;
        }
        Instant now = Instant.now();
        String key = key(tenant, server.id(), tool, arguments);
        synchronized (this) {
            remove(key);
            Iterator<Map.Entry<String, Entry>> oldest = entries.entrySet().iterator();
            while (oldest.hasNext() && (entries.size() >= config.maxEntries() || bytes + size > config.maxBytes())) {
                bytes -= oldest.next().getValue().bytes();
                oldest.remove();
            }
            entries.put(key, new Entry(server.id(), server.name(), tool, tenant, result, now,
                    now.plusSeconds(server.cache().ttlSeconds()), size));
            bytes += size;
        }
    }

    /**
     * @param pattern a glob over {@code <server name>/<tool name>}, or none for all
     * @param tenant  only this tenant's entries, unless {@code everyTenant}
     * @return how many entries were removed
     */
    public synchronized int clear(String pattern, UUID serverId, String tenant, boolean everyTenant) {
        List<String> removed = new ArrayList<>();
        entries.forEach((key, entry) -> {
            boolean matches = (pattern == null || ToolPatterns.allows(List.of(pattern), entry.serverName(), entry.tool()))
                    && (serverId == null || serverId.equals(entry.serverId()))
                    && (everyTenant || Objects.equals(tenant, entry.tenant()));
            if (matches) {
                removed.add(key);
            }
        });
        removed.forEach(this::remove);
        return removed.size();
    }

    /** The cache as one tenant sees it, or as a whole with {@code tenant} empty. */
    public CacheStats stats(Optional<String> tenant) {
        Instant now = Instant.now();
        long count = 0;
        long size = 0;
        Instant oldest = null;
        synchronized (this) {
            for (Entry entry : entries.values()) {
                if (entry.expiresAt().isAfter(now) && tenant.map(own -> own.equals(entry.tenant())).orElse(true)) {
                    count++;
                    size += entry.bytes();
                    oldest = oldest == null || entry.storedAt().isBefore(oldest) ? entry.storedAt() : oldest;
                }
            }
        }
        long hits = 0;
        long misses = 0;
        for (Map.Entry<String, Counts> tenantCounts : counts.entrySet()) {
            if (tenant.map(own -> own.equals(tenantCounts.getKey())).orElse(true)) {
                hits += tenantCounts.getValue().hits().sum();
                misses += tenantCounts.getValue().misses().sum();
            }
        }
        return new CacheStats(config.enabled(), count, hits, misses, hits + misses == 0 ? 0.0 : (double) hits / (hits + misses),
                size, oldest);
    }

    private void remove(String key) {
        Entry removed = entries.remove(key);
        if (removed != null) {
            bytes -= removed.bytes();
        }
    }

    private String key(String tenant, UUID serverId, String tool, Map<String, Object> arguments) {
        return tenant + "\u0000" + serverId + "\u0000" + tool + "\u0000" + canonical(json.valueToTree(arguments));
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
