package dev.switchboard.invocation.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.invocation.config.InvocationConfig;
import dev.switchboard.invocation.mcp.Catalog;
import dev.switchboard.invocation.mcp.UpstreamSession;
import dev.switchboard.invocation.rest.InvokeRequest;
import dev.switchboard.invocation.rest.InvokeResult;
import dev.switchboard.invocation.rest.ToolView;
import dev.switchboard.model.api.PageResult;
import dev.switchboard.model.server.ServerDefinition;
import dev.switchboard.platform.error.ApiException;
import dev.switchboard.platform.security.Caller;
import dev.switchboard.platform.security.ToolPatterns;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.json.schema.jackson2.DefaultJsonSchemaValidator;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The tools of every connected server that the caller may see, and calls to them. A caller sees the servers of its
 * tenant and the global ones its tenant enabled, narrowed by its key's tool patterns; a tool it may not see is, to
 * it, a tool that does not exist.
 */
@ApplicationScoped
public class ToolService {

    public static final String SEPARATOR = "__";

    private final ServerDirectory directory;
    private final ConnectionManager connections;
    private final ToolUsage usage;
    private final InvocationEvents events;
    private final ServerGuards guards;
    private final RateLimiter limiter;
    private final ResultCache cache;
    private final InvocationConfig.Upstream config;
    private final ObjectMapper json;
    private final JsonSchemaValidator schemas;

    public ToolService(ServerDirectory directory, ConnectionManager connections, ToolUsage usage,
                       InvocationEvents events, ServerGuards guards, RateLimiter limiter, ResultCache cache,
                       InvocationConfig config, ObjectMapper json) {
        this.json = json;
        this.schemas = new DefaultJsonSchemaValidator(json);
        this.cache = cache;
        this.guards = guards;
        this.limiter = limiter;
        this.directory = directory;
        this.connections = connections;
        this.usage = usage;
        this.events = events;
        this.config = config.upstream();
    }

    /** A tool and the server that offers it. */
    public record Offered(ServerDefinition server, Catalog.Tool tool) {
        public String qualifiedName() {
            return server.name() + SEPARATOR + tool.name();
        }
    }

    public PageResult<ToolView> list(ToolFilter filter, int limit, int offset, Caller caller) {
        String query = filter.query() == null ? null : filter.query().toLowerCase(Locale.ROOT);
        List<ToolView> matching = visible(caller).stream()
                .filter(offered -> query == null || offered.qualifiedName().toLowerCase(Locale.ROOT).contains(query)
                        || (offered.tool().description() != null
                        && offered.tool().description().toLowerCase(Locale.ROOT).contains(query)))
                .filter(offered -> filter.category() == null || filter.category().equalsIgnoreCase(offered.server().metadata().category()))
                .filter(offered -> offered.server().metadata().tags().containsAll(filter.tags()))
                .filter(offered -> filter.server() == null || filter.server().equals(offered.server().id().toString())
                        || filter.server().equals(offered.server().name()))
                .map(offered -> view(offered, caller))
                .sorted(order(filter.sort()))
                .toList();
        return new PageResult<>(matching.stream().skip(offset).limit(limit).toList(), matching.size(), limit, offset);
    }

    /** How many visible tools each server category holds; servers without a category count as {@code uncategorized}. */
    public Map<String, Long> categories(Caller caller) {
        return visible(caller).stream().collect(Collectors.groupingBy(
                offered -> offered.server().metadata().category() == null ? "uncategorized" : offered.server().metadata().category(),
                TreeMap::new, Collectors.counting()));
    }

    /** A tool's answer, and the rate-limit window it was counted in. */
    public record Invocation(InvokeResult result, RateLimiter.Quota quota) {
    }

    /**
     * DESIGN §2: permission (the tool must be visible), arguments, rate limit, cache, then the server's breaker,
     * bulkhead and timeout around the call. Every answer after the rate limit carries its headers.
     */
    public Invocation invoke(String name, InvokeRequest request, Caller caller) {
        Offered offered = resolve(name, request, caller);
        validate(offered.tool(), request.arguments());
        RateLimiter.Quota quota = limiter.acquire(offered.server(), caller);
        try {
            return new Invocation(call(offered, request, caller), quota);
        } catch (ApiException e) {
            throw e.withHeaders(quota.headers());
        }
    }

    private InvokeResult call(Offered offered, InvokeRequest request, Caller caller) {
        boolean cacheable = cache.applies(offered.server(), offered.tool());
        if (cacheable) {
            var cached = cache.get(caller.tenantId(), offered.server(), offered.tool().name(), request.arguments());
            if (cached.isPresent()) {
                usage.record(caller.tenantId(), offered.server().id(), offered.tool().name());
                events.invoked(offered.server(), offered.tool().name(), request.arguments(), 0, true, false, null, caller);
                InvokeResult hit = cached.get();
                return new InvokeResult(hit.content(), hit.structuredContent(), hit.isError(),
                        new InvokeResult.Metadata(offered.server().id(), offered.server().name(), 0, true));
            }
        }
        InvokeResult result = callUpstream(offered, request, caller);
        if (cacheable) {
            cache.put(caller.tenantId(), offered.server(), offered.tool().name(), request.arguments(), result);
        }
        return result;
    }

    private InvokeResult callUpstream(Offered offered, InvokeRequest request, Caller caller) {
        Duration timeout = timeout(request.timeoutMs());
        long started = System.nanoTime();
        try {
            JsonNode result = guards.call(offered.server(), JsonNode.class, () -> {
                UpstreamSession session = connections.session(offered.server().id());
                try {
                    return session.callTool(offered.tool().name(), request.arguments(), timeout);
                } catch (RuntimeException e) {
                    throw UpstreamFailures.toProblem(e, offered.server().name());
                }
            });
            long durationMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            boolean isError = result.path("isError").asBoolean(false);
            usage.record(caller.tenantId(), offered.server().id(), offered.tool().name());
            events.invoked(offered.server(), offered.tool().name(), request.arguments(), durationMs, false, isError, null, caller);
            return new InvokeResult(result.path("content"), result.get("structuredContent"), isError,
                    new InvokeResult.Metadata(offered.server().id(), offered.server().name(), durationMs, false));
        } catch (ApiException e) {
            events.invoked(offered.server(), offered.tool().name(), request.arguments(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), false, false, e.getMessage(), caller);
            throw e;
        }
    }

    /** Every tool the caller may see, of connected servers only. */
    public List<Offered> visible(Caller caller) {
        return offered(caller, server -> connections.sessionIfConnected(server.id()).map(UpstreamSession::catalog)
                .orElse(Catalog.EMPTY));
    }

    /** Also the tools of servers that are away for now: calling one answers 503 rather than 404. */
    private List<Offered> known(Caller caller) {
        return offered(caller, server -> connections.knownCatalog(server.id()));
    }

    private List<Offered> offered(Caller caller, Function<ServerDefinition, Catalog> catalogOf) {
        return directory.all().stream()
                .filter(server -> directory.visibleTo(server, caller))
                .flatMap(server -> catalogOf.apply(server).tools().stream().map(tool -> new Offered(server, tool)))
                .filter(offered -> ToolPatterns.allows(caller.toolPatterns(), offered.server().name(), offered.tool().name()))
                .toList();
    }

    /**
     * By qualified name ({@code server__tool}) or by the server's own tool name; with {@code serverId}, on that
     * server only. A name that several servers share answers 409 naming them.
     */
    Offered resolve(String name, InvokeRequest request, Caller caller) {
        if (request.serverId() != null) {
            ServerDefinition server = directory.get(request.serverId()).filter(found -> directory.visibleTo(found, caller))
                    .orElseThrow(() -> ApiException.notFound("server", request.serverId()));
            connections.session(server.id());
        }
        List<Offered> candidates = known(caller).stream()
                .filter(offered -> request.serverId() == null || offered.server().id().equals(request.serverId()))
                .filter(offered -> offered.qualifiedName().equals(name) || offered.tool().name().equals(name))
                .toList();
        List<Offered> exact = candidates.stream().filter(offered -> offered.qualifiedName().equals(name)).toList();
        if (exact.size() == 1) {
            return exact.get(0);
        }
        if (candidates.isEmpty()) {
            throw ApiException.notFound("tool", name);
        }
        if (candidates.size() > 1) {
            throw ApiException.conflict("tool " + name + " is offered by several servers; call one of "
                    + candidates.stream().map(Offered::qualifiedName).sorted().collect(Collectors.joining(", "))
                    + " or name the serverId");
        }
        return candidates.get(0);
    }

    private void validate(Catalog.Tool tool, Map<String, Object> arguments) {
        if (tool.inputSchema() == null || tool.inputSchema().isEmpty()) {
            return;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> schema = json.convertValue(tool.inputSchema(), Map.class);
        JsonSchemaValidator.ValidationResponse checked = schemas.validate(schema, arguments);
        if (!checked.valid()) {
            throw ApiException.invalid("arguments", checked.errorMessage());
        }
    }

    private Duration timeout(Long requestedMs) {
        Duration requested = requestedMs == null ? config.defaultCallTimeout() : Duration.ofMillis(requestedMs);
        return requested.compareTo(config.maxCallTimeout()) > 0 ? config.maxCallTimeout() : requested;
    }

    private ToolView view(Offered offered, Caller caller) {
        ToolUsage.Usage used = usage.of(caller.tenantScope(), offered.server().id(), offered.tool().name());
        Catalog.Tool tool = offered.tool();
        return new ToolView(offered.qualifiedName(), tool.name(), tool.title(), tool.description(), offered.server().id(),
                offered.server().name(), offered.server().metadata().category(), offered.server().metadata().tags(),
                tool.inputSchema(), tool.annotations(), used.count(), used.lastUsedAt());
    }

    private static Comparator<ToolView> order(String sort) {
        Comparator<ToolView> byName = Comparator.comparing(ToolView::name);
        return switch (sort) {
            case "usage" -> Comparator.comparingLong(ToolView::usageCount).reversed().thenComparing(byName);
            case "recent" -> Comparator.comparing(ToolView::lastUsedAt, Comparator.nullsLast(Comparator.<Instant>reverseOrder()))
                    .thenComparing(byName);
            default -> byName;
        };
    }
}
