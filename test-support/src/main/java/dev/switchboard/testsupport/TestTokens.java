package dev.switchboard.testsupport;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Tokens for tests, signed with the test stack's private key exactly as the registry signs them: issuer
 * and audience {@code switchboard}, {@code sub} the key id, {@code groups} the role, {@code tenant} and {@code tools}.
 */
public final class TestTokens {

    public static final String ISSUER = "switchboard";
    public static final String AUDIENCE = "switchboard";

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
                .audience(AUDIENCE)
                .subject(keyId)
                .groups(role)
                .claim("tools", tools)
                .expiresIn(Duration.ofMinutes(10));
        if (tenantId != null) {
            claims.claim("tenant", tenantId);
        }
        return claims.jws().keyId("test").sign(LocalStackTestResource.keys().privateKey().toString());
    }

    /** Tokens an attacker would try, each of which every service must refuse with a 401. */
    public static Map<String, String> forgeries() {
        LocalStackTestResource.shared();
        String[] user = forRole("user", UUID.randomUUID().toString()).split("\\.");
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        String promoted = new String(Base64.getUrlDecoder().decode(user[1]), StandardCharsets.UTF_8)
                .replace("\"user\"", "\"admin\"");
        String publicKeyPem;
        try {
            publicKeyPem = Files.readString(LocalStackTestResource.keys().publicKey());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> forged = new LinkedHashMap<>();
        forged.put("alg none", base64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes()) + "."
                + user[1] + ".");
        forged.put("HS256 keyed with the public key", Jwt.issuer(ISSUER).audience(AUDIENCE).subject(UUID.randomUUID().toString())
                .groups("admin").expiresIn(Duration.ofMinutes(10)).jws().algorithm(SignatureAlgorithm.HS256)
                .signWithSecret(publicKeyPem));
        forged.put("expired", Jwt.issuer(ISSUER).audience(AUDIENCE).subject(UUID.randomUUID().toString()).groups("admin")
                .issuedAt(Instant.now().minus(Duration.ofHours(2)))
                .expiresAt(Instant.now().minus(Duration.ofHours(1))).jws().keyId("test")
                .sign(LocalStackTestResource.keys().privateKey().toString()));
        forged.put("a user's token promoted to admin", user[0] + "."
                + base64.encodeToString(promoted.getBytes(StandardCharsets.UTF_8)) + "." + user[2]);
        forged.put("another audience", Jwt.issuer(ISSUER).audience("another-system").subject(UUID.randomUUID().toString())
                .groups("admin").expiresIn(Duration.ofMinutes(10)).jws().keyId("test")
                .sign(LocalStackTestResource.keys().privateKey().toString()));
        forged.put("no audience", Jwt.issuer(ISSUER).subject(UUID.randomUUID().toString())
                .groups("admin").expiresIn(Duration.ofMinutes(10)).jws().keyId("test")
                .sign(LocalStackTestResource.keys().privateKey().toString()));
        forged.put("another issuer", Jwt.issuer("someone-else").audience(AUDIENCE).subject(UUID.randomUUID().toString())
                .groups("admin").expiresIn(Duration.ofMinutes(10)).jws().keyId("test")
                .sign(LocalStackTestResource.keys().privateKey().toString()));
        return forged;
    }
}
