package dev.switchboard.registry.rest;

import java.time.Instant;

/** A server's connection state as last reported by the invocation service. */
public record ServerStatusView(
        String serverId,
        String status,
        int toolCount,
        int promptCount,
        int resourceCount,
        String lastError,
        Instant lastStatusAt) {
}
