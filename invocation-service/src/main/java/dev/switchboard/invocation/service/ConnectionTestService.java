package dev.switchboard.invocation.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.invocation.config.InvocationConfig;
import dev.switchboard.invocation.mcp.Catalog;
import dev.switchboard.invocation.mcp.UpstreamSession;
import dev.switchboard.invocation.mcp.UpstreamTransports;
import dev.switchboard.invocation.rest.ConnectionTestRequest;
import dev.switchboard.invocation.rest.ConnectionTestResult;
import dev.switchboard.model.api.FieldError;
import dev.switchboard.model.server.CachePolicy;
import dev.switchboard.model.server.HealthCheck;
import dev.switchboard.model.server.RateLimits;
import dev.switchboard.model.server.ServerDefinition;
import dev.switchboard.model.server.ServerMetadata;
import dev.switchboard.platform.error.ApiException;
import dev.switchboard.platform.net.TransportRules;
import dev.switchboard.platform.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Connects to a configuration that is not saved, reports how that went, and disconnects. The same rules as the
 * registry's apply first: stdio is for admins and allow-listed commands, URLs may not point inside.
 */
@ApplicationScoped
public class ConnectionTestService {

    private static final ObjectMapper PLAIN = new ObjectMapper();

    private final TransportRules rules;
    private final UpstreamTransports transports;
    private final Duration timeout;

    public ConnectionTestService(TransportRules rules, UpstreamTransports transports, InvocationConfig config) {
        this.rules = rules;
        this.transports = transports;
        this.timeout = config.upstream().connectTimeout();
    }

    public ConnectionTestResult test(ConnectionTestRequest request, Caller caller, boolean listTools) {
        rules.requireMayUse(request.transport(), null, caller);
        List<FieldError> refused = rules.check(request.transport(), request.auth(), Set.of());
        if (!refused.isEmpty()) {
            throw ApiException.invalid(refused);
        }
        ServerDefinition trial = new ServerDefinition(UUID.randomUUID(), null, "connection-test", null, request.transport(),
                request.auth(), HealthCheck.DEFAULT, RateLimits.UNLIMITED, CachePolicy.OFF, ServerMetadata.EMPTY, null, true,
                Instant.now());
        long started = System.nanoTime();
        try (UpstreamSession session = UpstreamSession.open(transports.create(trial), timeout, catalog -> { })) {
            Catalog catalog = session.catalog();
            return new ConnectionTestResult(true, session.serverInfoName(), session.protocolVersion(), catalog.tools().size(),
                    catalog.prompts().size(), catalog.resources().size(), elapsed(started), null,
                    listTools ? PLAIN.valueToTree(catalog.tools()) : null);
        } catch (RuntimeException e) {
            if (listTools) {
                throw UpstreamFailures.toProblem(e, "under test");
            }
            return new ConnectionTestResult(false, null, null, null, null, null, elapsed(started),
                    ConnectionManager.describe(e), null);
        }
    }

    private static long elapsed(long started) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    }
}
