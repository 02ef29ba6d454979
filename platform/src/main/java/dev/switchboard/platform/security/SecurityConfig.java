package dev.switchboard.platform.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How far back every service looks for key revocations, and where API keys sent directly are checked. */
@ConfigMapping(prefix = "switchboard.security")
public interface SecurityConfig {

    /** Longer than any token lives: the registry refuses to issue tokens that would outlive it. */
    @WithDefault("PT2H")
    Duration revocationLookback();

    /** Where API keys sent directly are exchanged for tokens ({@code POST /auth/token}). */
    @WithDefault("http://127.0.0.1:8081")
    String registryUrl();
}
