package dev.switchboard.platform.net;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where Switchboard may connect to. */
@ConfigMapping(prefix = "switchboard.outbound")
public interface OutboundConfig {

    /** Allow loopback, private, link-local and metadata addresses: for local runs and tests only. */
    @WithDefault("false")
    boolean allowPrivateAddresses();
}
