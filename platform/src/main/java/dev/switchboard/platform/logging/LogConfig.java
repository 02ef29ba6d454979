package dev.switchboard.platform.logging;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the services log, the same for all four. */
@ConfigMapping(prefix = "switchboard.log")
public interface LogConfig {

    /** One JSON object per console line, for log shippers ({@code SWITCHBOARD_LOG_JSON}; on in the prod profile). */
    @WithDefault("false")
    boolean json();
}
