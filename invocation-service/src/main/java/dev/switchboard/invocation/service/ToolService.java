package dev.switchboard.invocation.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.invocation.api.InvokeRequest;
import dev.switchboard.invocation.api.InvokeResult;
import dev.switchboard.invocation.api.RecentCall;
import dev.switchboard.invocation.config.InvocationConfig;
import dev.switchboard.model.server.ServerDefinition;
import dev.switchboard.platform.error.ApiException;
import dev.switchboard.platform.ratelimit.FixedWindows;
import dev.switchboard.platform.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Calls to the tools that {@link ToolCatalog} finds for the caller, through DESIGN §2's pipeline. Every call, answered,
 * failed or served from the cache, is counted in the tool's usage and told in a {@code tool.*} event.
 */
@ApplicationScoped
public class ToolService {

    private final ToolCatalog catalog;
    private final ConnectionManager connections;
    private final ToolUsage usage;
    private final InvocationEvents events;
    private final ServerGuards guards;
    private final RateLimiter limiter;
    private final ResultCache cache;
    private final InvocationConfig.Upstream config;
    private final ArgumentCheck arguments;

    public ToolService(ToolCatalog catalog, ConnectionManager connections, ToolUsage usage, InvocationEvents events,
                       ServerGuards guards, RateLimiter limiter, ResultCache cache, InvocationConfig config,
                       ArgumentCheck arguments) {
        this.catalog = catalog;
        this.connections = connections;
        this.usage = usage;
        this.events = events;
        this.guards = guards;
        this.limiter = limiter;
        this.cache = cache;
        this.config = config.upstream();
        this.arguments = arguments;
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
    public record Invocation(InvokeResult result, FixedWindows.Quota quota) {
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
        ToolCatalog.Offered offered = catalog.resolve(name, request.serverId(), caller);
        arguments.validate(offered.tool(), request.arguments());
        FixedWindows.Quota quota = limiter.acquire(offered.server(), caller);
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

    private CompletionStage<InvokeResult> call(ToolCatalog.Offered offered, InvokeRequest request, Call call) {
        Caller caller = call.caller();
        boolean cacheable = cache.applies(offered.server(), offered.tool());
        if (cacheable) {
            var cached = cache.get(caller.tenantId(), offered.server(), offered.tool().name(), request.arguments());
            if (cached.isPresent()) {
                usage.record(caller, new RecentCall(Instant.now(), offered.server().id(),
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

    private CompletionStage<InvokeResult> callUpstream(ToolCatalog.Offered offered, InvokeRequest request, Call call) {
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
                    usage.record(caller, new RecentCall(Instant.now(), server.id(), server.name(),
                            offered.tool().name(), durationMs, false, false));
                }
                events.invoked(InvocationEvents.Call.failed(server, offered.tool().name(), request.arguments(), durationMs,
                        problem.getMessage(), caller, call.channel()));
                throw problem;
            }
            boolean isError = result.path("isError").asBoolean(false);
            usage.record(caller, new RecentCall(Instant.now(), server.id(), server.name(),
                    offered.tool().name(), durationMs, !isError, false));
            events.invoked(InvocationEvents.Call.answered(server, offered.tool().name(), request.arguments(), durationMs,
                    isError, caller, call.channel()));
            return new InvokeResult(result.path("content"), result.get("structuredContent"), isError,
                    new InvokeResult.Metadata(server.id(), server.name(), durationMs, false));
        });
    }

    private Duration timeout(Long requestedMs) {
        Duration requested = requestedMs == null ? config.defaultCallTimeout() : Duration.ofMillis(requestedMs);
        return requested.compareTo(config.maxCallTimeout()) > 0 ? config.maxCallTimeout() : requested;
    }

}
