package dev.switchboard.platform.health;

import dev.switchboard.platform.security.RevokedKeys;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready until every recent key revocation is known: before that, a revoked key's token could get through. */
@Readiness
@ApplicationScoped
public class RevocationsReadiness implements HealthCheck {

    private final RevokedKeys revokedKeys;

    public RevocationsReadiness(RevokedKeys revokedKeys) {
        this.revokedKeys = revokedKeys;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("Key revocations").status(revokedKeys.caughtUp()).build();
    }
}
