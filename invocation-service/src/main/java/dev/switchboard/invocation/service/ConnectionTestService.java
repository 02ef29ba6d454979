package dev.switchboard.invocation.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.invocation.api.ConnectionTestRequest;
import dev.switchboard.invocation.api.ConnectionTestResult;
import dev.switchboard.invocation.mcp.Catalog;
import dev.switchboard.invocation.mcp.UpstreamSession;
import dev.switchboard.invocation.mcp.UpstreamTransports;
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

    private final TransportRules rules;
    private final UpstreamTransports transports;
    private final ObjectMapper json;

    public ConnectionTestService(TransportRules rules, UpstreamTransports transports, ObjectMapper json) {
        this.rules = rules;
        this.json = json;
        this.transports = transports;
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
        try (UpstreamSession session = transports.open(trial, catalog -> { })) {
            Catalog catalog = session.catalog();
            return new ConnectionTestResult(true, session.serverInfoName(), session.protocolVersion(), catalog.tools().size(),
                    catalog.prompts().size(), catalog.resources().size(), elapsed(started), null,
                    listTools ? json.valueToTree(catalog.tools().stream().map(Catalog.Tool::definition).toList()) : null);
        } catch (RuntimeException e) {
            if (listTools) {
                throw UpstreamFailures.toProblem(e, "under test");
            }
            return new ConnectionTestResult(false, null, null, null, null, null, elapsed(started),
                    UpstreamFailures.describe(e), null);
        }
    }

    private static long elapsed(long started) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    }
}
