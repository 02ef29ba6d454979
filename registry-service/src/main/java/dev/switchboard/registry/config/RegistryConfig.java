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
    }
}
