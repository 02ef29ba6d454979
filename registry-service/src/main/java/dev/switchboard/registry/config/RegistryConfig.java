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

    interface Tokens {
        @WithDefault("switchboard")
        String issuer();

        /** The {@code aud} every service checks, so that a token issued for something else is refused here. */
        @WithDefault("switchboard")
        String audience();

        @WithDefault("PT15M")
        Duration ttl();

        /**
         * Token requests one API key may make per minute, valid or not: services keep a token for its lifetime, so
         * a key that asks more often is being guessed at or misused.
         */
        @WithDefault("60")
        int requestsPerKeyPerMinute();

        /** Token requests one client address may make per minute, whatever the keys: a bound on guessing keys. */
        @WithDefault("600")
        int requestsPerAddressPerMinute();
    }
}
