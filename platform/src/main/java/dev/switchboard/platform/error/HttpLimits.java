package dev.switchboard.platform.error;

import io.smallrye.config.ConfigMapping;

/** What a request may bring. */
@ConfigMapping(prefix = "switchboard.http")
public interface HttpLimits {

    /** The largest request body, declared or chunked; more is a 413 problem. */
    long maxBodyBytes();
}
