package dev.switchboard.platform.security;

import io.smallrye.mutiny.Uni;

/**
 * Turns an API key sent directly (DESIGN §4, "keys directly") into the token the registry would issue for it, so
 * that a key and a token are checked by the same path: signature, audience, revocation and claims.
 */
public interface KeyExchange {

    /** A token for {@code apiKey}, and when it stops being valid. */
    record Exchanged(String token, long expiresAtEpochSecond) {
    }

    /**
     * Fails with {@link io.quarkus.security.AuthenticationFailedException} when the key is unknown, expired or revoked,
     * and with a 429 when the key or the client has asked too often.
     *
     * @param clientAddress where the request that carried the key came from, which the registry's limits count
     */
    Uni<Exchanged> exchange(String apiKey, String clientAddress);
}
