package dev.switchboard.platform.security;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.smallrye.jwt.runtime.auth.JWTAuthMechanism;
import io.quarkus.smallrye.jwt.runtime.auth.JsonWebTokenCredential;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Accepts the API key itself, in {@code X-API-Key} or as {@code Authorization: Bearer <key>}, because most MCP clients
 * and scripts are configured with one static header. The key is exchanged with the registry for a token, kept by the
 * key's hash until shortly before the token expires, and the token is then checked exactly as a token sent by the
 * client would be, revocation included. A bearer value shaped like a JWT is left to the JWT mechanism.
 */
@ApplicationScoped
public class ApiKeyAuthenticationMechanism implements HttpAuthenticationMechanism {

    static final String API_KEY_HEADER = "X-API-Key";
    private static final String BEARER = "Bearer ";
    /** A token is renewed this long before it expires, so that a request never carries one that lapses on the way. */
    private static final long RENEW_BEFORE_SECONDS = 30;
    private static final int CAPACITY = 10_000;

    private final JWTAuthMechanism jwt;
    private final KeyExchange exchange;
    private final Map<String, KeyExchange.Exchanged> tokens = new ConcurrentHashMap<>();

    public ApiKeyAuthenticationMechanism(JWTAuthMechanism jwt, KeyExchange exchange) {
        this.jwt = jwt;
        this.exchange = exchange;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        String key = apiKey(context.request());
        if (key == null) {
            return Uni.createFrom().nullItem();
        }
        return token(key, clientAddress(context)).flatMap(token -> identities.authenticate(HttpSecurityUtils.setRoutingContextAttribute(
                new TokenAuthenticationRequest(new JsonWebTokenCredential(token)), context)));
    }

    private static String clientAddress(RoutingContext context) {
        return context.request().remoteAddress() == null ? null : context.request().remoteAddress().hostAddress();
    }

    private Uni<String> token(String key, String clientAddress) {
        String hash = sha256(key);
        long now = Instant.now().getEpochSecond();
        KeyExchange.Exchanged known = tokens.get(hash);
        if (known != null && known.expiresAtEpochSecond() - RENEW_BEFORE_SECONDS > now) {
            return Uni.createFrom().item(known.token());
        }
        return exchange.exchange(key, clientAddress).invoke(fresh -> remember(hash, fresh, now)).map(KeyExchange.Exchanged::token);
    }

    private void remember(String hash, KeyExchange.Exchanged fresh, long now) {
        if (tokens.size() >= CAPACITY) {
            tokens.values().removeIf(cached -> cached.expiresAtEpochSecond() <= now);
            if (tokens.size() >= CAPACITY) {
                tokens.clear();
            }
        }
        tokens.put(hash, fresh);
    }

    /** The key in {@code X-API-Key}, or a bearer value that is not a JWT (a JWT has exactly two dots). */
    static String apiKey(HttpServerRequest request) {
        String header = request.getHeader(API_KEY_HEADER);
        if (header != null && !header.isBlank()) {
            return header.strip();
        }
        return bearerKey(request.getHeader("Authorization"));
    }

    /** The value of a bearer {@code Authorization} header unless it is empty or shaped like a JWT. */
    static String bearerKey(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        String value = authorization.substring(BEARER.length()).strip();
        return value.isEmpty() || hasExactlyTwoDots(value) ? null : value;
    }

    /** Runs on every request that carries a bearer token, so it searches rather than streams over a JWT's characters. */
    private static boolean hasExactlyTwoDots(String value) {
        int first = value.indexOf('.');
        int second = first < 0 ? -1 : value.indexOf('.', first + 1);
        return second >= 0 && value.indexOf('.', second + 1) < 0;
    }

    private static String sha256(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return jwt.getChallenge(context);
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(TokenAuthenticationRequest.class);
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom().item(new HttpCredentialTransport(HttpCredentialTransport.Type.OTHER_HEADER, API_KEY_HEADER));
    }

    /** Before the JWT mechanism, which would refuse a bearer value that is a key rather than a token. */
    @Override
    public int getPriority() {
        return DEFAULT_PRIORITY + 100;
    }
}
