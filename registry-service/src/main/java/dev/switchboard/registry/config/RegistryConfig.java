package dev.switchboard.registry.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

@ConfigMapping(prefix = "switchboard.registry")
public interface RegistryConfig {

    /** The first admin key; when absent and no admin key has ever existed, one is generated into {@link #bootstrapAdminKeyFile()}. */
    Optional<String> bootstrapAdminKey();

    /** Where a generated bootstrap admin key is written, readable by its owner only. */
    @WithDefault("bootstrap-admin.key")
    Path bootstrapAdminKeyFile();

    /** The key the other services use, with role {@code service}; only configured, never created through the API. */
    Optional<String> serviceKey();

    Tokens tokens();

    Outbox outbox();

    interface Tokens {
        @WithDefault("switchboard")
        String issuer();

        /** The {@code aud} every service checks, so that a token issued for something else is refused here. */
        @WithDefault("switchboard")
        String audience();

        @WithDefault("PT15M")
        Duration ttl();
    }

    interface Outbox {
        /**
         * How often the relay looks for pending rows as a safety net, such as {@code 1s}; it relays right after each
         * commit that wrote events anyway.
         */
        @WithDefault("1s")
        String pollInterval();

        /** Attempts before a row the broker refuses for a reason of its own is parked as dead. */
        @WithDefault("5")
        int maxAttempts();

        /** How long sent rows are kept for inspection. */
        @WithDefault("P1D")
        Duration keepSent();

        /** How often sent rows past {@link #keepSent()} are removed, such as {@code 1h}. */
        @WithDefault("1h")
        String purgeInterval();

        /** Rows published per relay run. */
        @WithDefault("200")
        int batchSize();

        /** The first retry delay after a failed send; it doubles up to {@link #maxBackoff()}. */
        @WithDefault("PT1S")
        Duration initialBackoff();

        @WithDefault("PT1M")
        Duration maxBackoff();
    }
}
