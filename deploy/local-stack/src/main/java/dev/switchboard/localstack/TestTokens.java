package dev.switchboard.localstack;

import io.smallrye.jwt.build.Jwt;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * Tokens for tests, signed with the test stack's private key exactly as the registry signs them: issuer
 * {@code switchboard}, {@code sub} the key id, {@code groups} the role, {@code tenant} and {@code tools}.
 */
public final class TestTokens {

    public static final String ISSUER = "switchboard";

    private TestTokens() {
    }

    public static String admin() {
        return token(UUID.randomUUID().toString(), "admin", null, List.of());
    }

    public static String forRole(String role, String tenantId) {
        return token(UUID.randomUUID().toString(), role, tenantId, List.of());
    }

    public static String token(String keyId, String role, String tenantId, List<String> tools) {
        LocalStackTestResource.shared();
        var claims = Jwt.issuer(ISSUER)
                .subject(keyId)
                .groups(role)
                .claim("tools", tools)
                .expiresIn(Duration.ofMinutes(10));
        if (tenantId != null) {
            claims.claim("tenant", tenantId);
        }
        return claims.jws().keyId("test").sign(LocalStackTestResource.keys().privateKey().toString());
    }
}
