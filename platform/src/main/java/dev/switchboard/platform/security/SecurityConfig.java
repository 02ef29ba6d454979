package dev.switchboard.platform.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How far back every service looks for key revocations, which bounds how long a token may live. */
@ConfigMapping(prefix = "switchboard.security")
public interface SecurityConfig {

    /** Longer than any token lives: the registry refuses to issue tokens that would outlive it. */
    @WithDefault("PT2H")
    Duration revocationLookback();
}
