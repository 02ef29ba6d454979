package dev.switchboard.platform.security;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Instant;
import javax.crypto.SecretKey;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Verifies a token's RS256 signature once and keeps what it says, keyed by the whole token, until it expires:
 * verifying it again on every call cost a third of the invocation service's CPU. Revocation is not cached: the
 * revoked-key check runs on every request, after this.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class CachingJwtParser implements JWTParser {

    private static final int CAPACITY = 10_000;

    private final DefaultJWTParser delegate;
    private final CredentialMemo<JsonWebToken> verified = new CredentialMemo<>(CAPACITY);
    private final Counter verifications;

    public CachingJwtParser(DefaultJWTParser delegate, MeterRegistry metrics) {
        this.delegate = delegate;
        this.verifications = Counter.builder("switchboard.tokens.verified")
                .description("Token signatures verified; a token already verified is served from memory until it expires")
                .register(metrics);
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        long now = Instant.now().getEpochSecond();
        JsonWebToken known = verified.get(token, now);
        if (known != null) {
            return known;
        }
        JsonWebToken fresh = delegate.parse(token);
        verifications.increment();
        verified.put(token, fresh, fresh.getExpirationTime(), now);
        return fresh;
    }

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        return delegate.parse(token, context);
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        return delegate.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return delegate.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return delegate.verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
        return delegate.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        return delegate.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return delegate.decrypt(token, secret);
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return delegate.parseOnly(token);
    }
}
