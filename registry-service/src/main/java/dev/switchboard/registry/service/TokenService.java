package dev.switchboard.registry.service;

import dev.switchboard.model.api.ErrorCode;
import dev.switchboard.platform.error.ApiException;
import dev.switchboard.platform.security.CurrentCaller;
import dev.switchboard.platform.security.SecurityConfig;
import dev.switchboard.registry.api.TokenResponse;
import dev.switchboard.registry.config.RegistryConfig;
import dev.switchboard.registry.repository.ApiKeyEntity;
import dev.switchboard.registry.repository.ApiKeyRepository;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import io.smallrye.jwt.util.KeyUtils;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Exchanges an API key for a short-lived RS256 token with the claims every service reads (DESIGN §4). */
@ApplicationScoped
public class TokenService {

    private static final int MAX_KEY_LENGTH = 512;

    private final ApiKeyRepository keys;
    private final TokenRequestLimiter limiter;
    private final RegistryConfig.Tokens config;
    private final String signingKeyLocation;
    private volatile PrivateKey signingKey;

    public TokenService(ApiKeyRepository keys, TokenRequestLimiter limiter, RegistryConfig config, SecurityConfig security,
                        @ConfigProperty(name = "smallrye.jwt.sign.key.location") String signingKeyLocation) {
        this.keys = keys;
        this.limiter = limiter;
        this.config = config.tokens();
        this.signingKeyLocation = signingKeyLocation;
        requireShorterThanLookback(this.config.ttl(), security.revocationLookback());
    }

    /**
     * Services remember revocations as far back as the look-back; a token that lived longer could outlive the memory
     * of its key's revocation after a restart.
     */
    static void requireShorterThanLookback(Duration ttl, Duration lookback) {
        if (ttl.compareTo(lookback) >= 0) {
            throw new IllegalStateException("switchboard.registry.tokens.ttl (" + ttl + ") must be shorter than"
                    + " switchboard.security.revocation-lookback (" + lookback + ")");
        }
    }

    /** @param clientAddress where the request came from, for the per-address limit; null when unknown */
    @Transactional
    public TokenResponse issue(String apiKey, String clientAddress) {
        Instant now = Instant.now();
        boolean wellFormed = apiKey != null && !apiKey.isBlank() && apiKey.length() <= MAX_KEY_LENGTH;
        String hash = wellFormed ? ApiKeys.hash(apiKey) : "";
        limiter.admit(hash, clientAddress);
        ApiKeyEntity key = !wellFormed ? null
                : keys.findByHash(hash).filter(found -> found.isUsableAt(now)).orElse(null);
        if (key == null) {
            throw new ApiException(ErrorCode.UNAUTHORIZED, "the API key is missing, unknown, revoked or expired",
                    List.of(), Map.of("WWW-Authenticate", "ApiKey"));
        }
        key.lastUsedAt = now;
        Instant expiry = now.plus(config.ttl());
        if (key.expiresAt != null && key.expiresAt.isBefore(expiry)) {
            expiry = key.expiresAt;
        }
        JwtClaimsBuilder claims = Jwt.issuer(config.issuer())
                .audience(config.audience())
                .subject(key.id.toString())
                .groups(key.role)
                .claim(CurrentCaller.TOOLS_CLAIM, List.of(key.tools))
                .issuedAt(now)
                .expiresAt(expiry);
        if (key.tenantId != null) {
            claims.claim(CurrentCaller.TENANT_CLAIM, key.tenantId.toString());
        }
        if (key.requestsPerMinute != null || key.requestsPerDay != null) {
            Map<String, Object> limits = new LinkedHashMap<>();
            limits.put("requestsPerMinute", key.requestsPerMinute);
            limits.put("requestsPerDay", key.requestsPerDay);
            limits.values().removeIf(Objects::isNull);
            claims.claim(CurrentCaller.RATE_LIMITS_CLAIM, limits);
        }
        return new TokenResponse(claims.sign(signingKey()), "Bearer", expiry.getEpochSecond() - now.getEpochSecond());
    }

    /**
     * Read once from a file path or {@code file:} URL: reading and parsing the PEM for every token cost more than
     * signing it.
     */
    private PrivateKey signingKey() {
        PrivateKey key = signingKey;
        if (key == null) {
            try {
                Path file = signingKeyLocation.startsWith("file:") ? Path.of(URI.create(signingKeyLocation))
                        : Path.of(signingKeyLocation);
                key = KeyUtils.decodePrivateKey(Files.readString(file));
            } catch (IOException | GeneralSecurityException e) {
                throw new IllegalStateException("Cannot read the token signing key at " + signingKeyLocation, e);
            }
            signingKey = key;
        }
        return key;
    }
}
