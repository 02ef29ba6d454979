package dev.switchboard.registry.service;

import dev.switchboard.model.api.ErrorCode;
import dev.switchboard.platform.error.ApiException;
import dev.switchboard.platform.security.KeyExchange;
import dev.switchboard.registry.api.TokenResponse;
import io.quarkus.security.AuthenticationFailedException;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.time.Instant;

/** The registry holds the keys, so it issues the token for a key sent directly itself, off the event loop. */
@Alternative
@Priority(1)
@ApplicationScoped
public class LocalKeyExchange implements KeyExchange {

    private final TokenService tokens;

    public LocalKeyExchange(TokenService tokens) {
        this.tokens = tokens;
    }

    @Override
    public Uni<Exchanged> exchange(String apiKey, String clientAddress) {
        return Uni.createFrom().item(() -> {
                    long now = Instant.now().getEpochSecond();
                    TokenResponse issued = tokens.issue(apiKey, clientAddress);
                    return new Exchanged(issued.accessToken(), now + issued.expiresIn());
                })
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .onFailure(failure -> failure instanceof ApiException api && api.code() == ErrorCode.UNAUTHORIZED)
                .transform(failure -> new AuthenticationFailedException(failure.getMessage()));
    }
}
