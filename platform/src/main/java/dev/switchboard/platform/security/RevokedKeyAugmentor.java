package dev.switchboard.platform.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Refuses a valid token whose key has been revoked since it was issued. */
@ApplicationScoped
public class RevokedKeyAugmentor implements SecurityIdentityAugmentor {

    private final RevokedKeys revokedKeys;

    public RevokedKeyAugmentor(RevokedKeys revokedKeys) {
        this.revokedKeys = revokedKeys;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.getPrincipal() instanceof JsonWebToken token && revokedKeys.isRevoked(token.getSubject())) {
            return Uni.createFrom().failure(new AuthenticationFailedException("the key of this token was revoked"));
        }
        return Uni.createFrom().item(identity);
    }
}
