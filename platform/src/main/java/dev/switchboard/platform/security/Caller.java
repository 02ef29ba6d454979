package dev.switchboard.platform.security;

import dev.switchboard.model.server.RateLimits;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Who is calling, from the verified JWT: the API key id ({@code sub}), its role, its tenant ({@code null} for admins
 * and services, who are not bound to one), its tool patterns (empty: every tool) and when its credentials stop
 * working ({@code null}: no known end), and the rate limits set on its key (unset ones: the service's defaults).
 */
public record Caller(String keyId, String role, String tenantId, List<String> toolPatterns, Instant expiresAt,
                     RateLimits rateLimits) {

    public Caller {
        toolPatterns = toolPatterns == null ? List.of() : List.copyOf(toolPatterns);
        rateLimits = rateLimits == null ? RateLimits.UNLIMITED : rateLimits;
    }

    public Caller(String keyId, String role, String tenantId, List<String> toolPatterns) {
        this(keyId, role, tenantId, toolPatterns, null, null);
    }

    public boolean isAdmin() {
        return Role.ADMIN.equals(role);
    }

    public boolean isService() {
        return Role.SERVICE.equals(role);
    }

    /** Admins and services see every tenant; the others see their own. */
    public boolean seesAllTenants() {
        return isAdmin() || isService();
    }

    /**
     * The only tenant whose resources this caller may see: empty for admins and services, who see every tenant; for
     * anyone else its own, and a caller bound to no tenant gets a scope that matches nothing.
     */
    public Optional<String> tenantScope() {
        return seesAllTenants() ? Optional.empty() : Optional.of(tenantId == null ? "" : tenantId);
    }

    public Optional<String> tenant() {
        return Optional.ofNullable(tenantId);
    }
}
