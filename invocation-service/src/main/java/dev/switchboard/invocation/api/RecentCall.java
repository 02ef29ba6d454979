package dev.switchboard.invocation.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.UUID;

/** A call that reached a server, or its cache, and how it went, as the monitor's recent activity lists it. */
@RegisterForReflection
public record RecentCall(Instant at, UUID serverId, String serverName, String tool, long durationMs, boolean success,
                         boolean cached) {
}
