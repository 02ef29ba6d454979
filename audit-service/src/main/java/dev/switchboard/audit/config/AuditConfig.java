package dev.switchboard.audit.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "switchboard.audit")
public interface AuditConfig {

    /** Events older than this many days are deleted. */
    @WithDefault("90")
    int retentionDays();

    /** How often old events are deleted, such as {@code 1h}. */
    @WithDefault("1h")
    String retentionInterval();

    Sse sse();

    interface Sse {
        /** How often an idle live stream gets a comment, such as {@code 15s}, so that proxies keep it open. */
        @WithDefault("15s")
        String heartbeat();

        /** Events waiting for a slow client; a stream whose buffer fills is ended. */
        @WithDefault("1000")
        int bufferSize();

        /** Live streams one key may hold open at once, on this replica. */
        @WithDefault("5")
        int maxStreamsPerKey();
    }
}
