package dev.switchboard.invocation.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.invocation.api.InvokeRequest;
import dev.switchboard.invocation.api.InvokeResult;
import dev.switchboard.invocation.api.RecentCall;
import dev.switchboard.invocation.api.ToolCategory;
import dev.switchboard.invocation.api.ToolView;
import dev.switchboard.invocation.config.InvocationConfig;
import dev.switchboard.invocation.mcp.Catalog;
import dev.switchboard.invocation.mcp.UpstreamSession;
import dev.switchboard.invocation.repository.ToolUsageRepository;
import dev.switchboard.model.api.PageResult;
import dev.switchboard.model.server.ServerDefinition;
import dev.switchboard.platform.error.ApiException;
import dev.switchboard.platform.security.Caller;
import dev.switchboard.platform.security.ToolPatterns;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
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
    private final ArgumentCheck arguments;

    public ToolService(ServerDirectory directory, ConnectionManager connections, ToolUsage usage,
                       InvocationEvents events, ServerGuards guards, RateLimiter limiter, ResultCache cache,
                       InvocationConfig config, ArgumentCheck arguments) {
        this.arguments = arguments;
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
        Map<ToolUsageRepository.ToolKey, ToolUsageRepository.Usage> used = usage.byTool(caller.tenantScope());
        List<ToolView> matching = visible(caller).stream()
                .filter(offered -> query == null || offered.qualifiedName().toLowerCase(Locale.ROOT).contains(query)
                        || (offered.tool().description() != null
                        && offered.tool().description().toLowerCase(Locale.ROOT).contains(query)))
                .filter(offered -> filter.category() == null || filter.category().equalsIgnoreCase(offered.server().metadata().category()))
                .filter(offered -> offered.server().metadata().tags().containsAll(filter.tags()))
                .filter(offered -> filter.server() == null || filter.server().equals(offered.server().id().toString())
                        || filter.server().equals(offered.server().name()))
                .map(offered -> view(offered, used, caller))
                .sorted(order(filter.sort()))
                .toList();
        return new PageResult<>(matching.stream().skip(offset).limit(limit).toList(), matching.size(), limit, offset);
    }

    /** How many visible tools each server category holds; servers without a category count as {@code uncategorized}. */
    public List<ToolCategory> categories(Caller caller) {
        return visible(caller).stream().collect(Collectors.groupingBy(
                offered -> offered.server().metadata().category() == null ? "uncategorized" : offered.server().metadata().category(),
                TreeMap::new, Collectors.counting()))
                .entrySet().stream().map(category -> new ToolCategory(category.getKey(), category.getValue())).toList();
    }

    /** Which door a call came through, as its event says. */
    public enum Channel {
        REST("rest"), MCP("mcp");

        private final String wire;

        Channel(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }

    /** What travels with a call besides its arguments: where the server's progress goes, and a way to cancel it. */
    public static final class Control {

        private final Consumer<JsonNode> progress;
        private volatile CompletableFuture<?> upstream;
        private volatile boolean cancelled;

        public Control(Consumer<JsonNode> progress) {
            this.progress = progress;
        }

        public static Control none() {
            return new Control(null);
        }

        /** Cancels the call at the server, now or as soon as it is sent. */
        public void cancel() {
            cancelled = true;
            CompletableFuture<?> call = upstream;
            if (call != null) {
                call.cancel(false);
            }
        }

        Consumer<JsonNode> progress() {
            return progress;
        }

        void attach(CompletableFuture<?> call) {
            upstream = call;
            if (cancelled) {
                call.cancel(false);
            }
        }
    }

    /** A tool's answer, and the rate-limit window it was counted in. */
    public record Invocation(InvokeResult result, RateLimiter.Quota quota) {
    }

    /**
     * DESIGN §2: permission (the tool must be visible), arguments, rate limit, cache, then the server's breaker,
     * bulkhead and timeout around the call. Every answer after the rate limit carries its headers. Nothing here
     * blocks: the call runs on the request's event loop and completes where the server's answer arrives.
     */
    public CompletionStage<Invocation> invoke(String name, InvokeRequest request, Caller caller) {
        return invoke(name, request, caller, Channel.REST, Control.none());
    }

    public CompletionStage<Invocation> invoke(String name, InvokeRequest request, Caller caller, Channel channel,
                                              Control control) {
        Offered offered = resolve(name, request, caller);
        arguments.validate(offered.tool(), request.arguments());
        RateLimiter.Quota quota = limiter.acquire(offered.server(), caller);
        return call(offered, request, new Call(caller, channel, control)).handle((result, failure) -> {
            if (failure != null) {
                throw UpstreamFailures.toProblem(failure, offered.server().name()).withHeaders(quota.headers());
            }
            return new Invocation(result, quota);
        });
    }

    /** Who called, through which door, and what came with the call. */
    private record Call(Caller caller, Channel channel, Control control) {
    }

    private CompletionStage<InvokeResult> call(Offered offered, InvokeRequest request, Call call) {
        Caller caller = call.caller();
        boolean cacheable = cache.applies(offered.server(), offered.tool());
        if (cacheable) {
            var cached = cache.get(caller.tenantId(), offered.server(), offered.tool().name(), request.arguments());
            if (cached.isPresent()) {
                usage.record(caller.tenantId(), new RecentCall(Instant.now(), offered.server().id(),
                        offered.server().name(), offered.tool().name(), 0, !cached.get().isError(), true));
                events.invoked(InvocationEvents.Call.fromCache(offered.server(), offered.tool().name(), request.arguments(),
                        cached.get().isError(), caller, call.channel()));
                InvokeResult hit = cached.get();
                return CompletableFuture.completedFuture(new InvokeResult(hit.content(), hit.structuredContent(),
                        hit.isError(), new InvokeResult.Metadata(offered.server().id(), offered.server().name(), 0, true)));
            }
        }
        return callUpstream(offered, request, call).thenApply(result -> {
            if (cacheable) {
                cache.put(caller.tenantId(), offered.server(), offered.tool().name(), request.arguments(), result);
            }
            return result;
        });
    }

    private CompletionStage<InvokeResult> callUpstream(Offered offered, InvokeRequest request, Call call) {
        Caller caller = call.caller();
        ServerDefinition server = offered.server();
        Duration timeout = timeout(request.timeoutMs());
        long started = System.nanoTime();
        return guards.call(server, () -> {
            try {
                CompletableFuture<JsonNode> answer = connections.session(server.id())
                        .callTool(offered.tool().name(), request.arguments(), timeout, call.control().progress());
                call.control().attach(answer);
                return answer.exceptionallyCompose(failure -> CompletableFuture.failedFuture(
                                UpstreamFailures.toProblem(failure, server.name())));
            } catch (ApiException e) {
                return CompletableFuture.failedFuture(e);
            }
        }).handle((result, failure) -> {
            long durationMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            if (failure != null) {
                ApiException problem = UpstreamFailures.toProblem(failure, server.name());
                if (ServerGuards.isServerFailure(problem)) {
                    usage.record(caller.tenantId(), new RecentCall(Instant.now(), server.id(), server.name(),
                            offered.tool().name(), durationMs, false, false));
                }
                events.invoked(InvocationEvents.Call.failed(server, offered.tool().name(), request.arguments(), durationMs,
                        problem.getMessage(), caller, call.channel()));
                throw problem;
            }
            boolean isError = result.path("isError").asBoolean(false);
            usage.record(caller.tenantId(), new RecentCall(Instant.now(), server.id(), server.name(),
                    offered.tool().name(), durationMs, !isError, false));
            events.invoked(InvocationEvents.Call.answered(server, offered.tool().name(), request.arguments(), durationMs,
                    isError, caller, call.channel()));
            return new InvokeResult(result.path("content"), result.get("structuredContent"), isError,
                    new InvokeResult.Metadata(server.id(), server.name(), durationMs, false));
        });
    }

    /** Every tool the caller may see, of connected servers only. */
    public List<Offered> visible(Caller caller) {
        return directory.all().stream()
                .filter(server -> directory.visibleTo(server, caller))
                .flatMap(server -> connections.sessionIfConnected(server.id()).map(UpstreamSession::catalog)
                        .orElse(Catalog.EMPTY).tools().stream().map(tool -> new Offered(server, tool)))
                .filter(offered -> ToolPatterns.allows(caller.toolPatterns(), offered.server().name(), offered.tool().name()))
                .toList();
    }

    /**
     * By qualified name ({@code server__tool}) or by the server's own tool name; with {@code serverId}, on that
     * server only. A name that several servers share answers 409 naming them. A tool of a server that is away for
     * now is still found, so that calling it answers 503 rather than 404. Looked up by name, never by listing every
     * tool: the cost of a call does not grow with the catalog.
     */
    Offered resolve(String name, InvokeRequest request, Caller caller) {
        if (request.serverId() != null) {
            ServerDefinition server = directory.get(request.serverId()).filter(found -> directory.visibleTo(found, caller))
                    .orElseThrow(() -> ApiException.notFound("server", request.serverId()));
            connections.session(server.id());
            String toolName = name.startsWith(server.name() + SEPARATOR) ? name.substring(server.name().length() + SEPARATOR.length())
                    : name;
            return offeredBy(server, toolName, caller).orElseThrow(() -> ApiException.notFound("tool", name));
        }
        int separator = name.indexOf(SEPARATOR);
        if (separator > 0) {
            String serverName = name.substring(0, separator);
            String toolName = name.substring(separator + SEPARATOR.length());
            List<Offered> qualified = directory.named(serverName).stream()
                    .filter(server -> directory.visibleTo(server, caller))
                    .flatMap(server -> offeredBy(server, toolName, caller).stream())
                    .toList();
            if (qualified.size() == 1) {
                return qualified.get(0);
            }
            if (qualified.size() > 1) {
                throw ambiguous(name, qualified);
            }
        }
        List<Offered> bare = directory.all().stream()
                .filter(server -> directory.visibleTo(server, caller))
                .flatMap(server -> offeredBy(server, name, caller).stream())
                .toList();
        if (bare.isEmpty()) {
            throw ApiException.notFound("tool", name);
        }
        if (bare.size() > 1) {
            throw ambiguous(name, bare);
        }
        return bare.get(0);
    }

    private Optional<Offered> offeredBy(ServerDefinition server, String toolName, Caller caller) {
        if (!ToolPatterns.allows(caller.toolPatterns(), server.name(), toolName)) {
            return Optional.empty();
        }
        return connections.knownCatalog(server.id()).tool(toolName).map(tool -> new Offered(server, tool));
    }

    private static ApiException ambiguous(String name, List<Offered> candidates) {
        return ApiException.conflict("tool " + name + " is offered by several servers; call one of "
                + candidates.stream().map(Offered::qualifiedName).sorted().collect(Collectors.joining(", "))
                + " or name the serverId");
    }

    private Duration timeout(Long requestedMs) {
        Duration requested = requestedMs == null ? config.defaultCallTimeout() : Duration.ofMillis(requestedMs);
        return requested.compareTo(config.maxCallTimeout()) > 0 ? config.maxCallTimeout() : requested;
    }

    private ToolView view(Offered offered, Map<ToolUsageRepository.ToolKey, ToolUsageRepository.Usage> usage, Caller caller) {
        ToolUsageRepository.Usage used = usage.getOrDefault(new ToolUsageRepository.ToolKey(caller.tenantScope().orElse(null),
                offered.server().id(), offered.tool().name()), ToolUsageRepository.Usage.NEVER);
        Catalog.Tool tool = offered.tool();
        return new ToolView(tool.name(), offered.qualifiedName(), tool.title(), tool.description(), offered.server().id(),
                offered.server().name(), offered.server().metadata().category(), offered.server().metadata().tags(),
                tool.inputSchema(), tool.annotations(), used.calls(), used.lastUsedAt());
    }

    private static Comparator<ToolView> order(String sort) {
        Comparator<ToolView> byName = Comparator.comparing(ToolView::name).thenComparing(ToolView::qualifiedName);
        return switch (sort) {
            case "usage" -> Comparator.comparingLong(ToolView::usageCount).reversed().thenComparing(byName);
            case "recent" -> Comparator.comparing(ToolView::lastUsedAt, Comparator.nullsLast(Comparator.<Instant>reverseOrder()))
                    .thenComparing(byName);
            default -> byName;
        };
    }
}
