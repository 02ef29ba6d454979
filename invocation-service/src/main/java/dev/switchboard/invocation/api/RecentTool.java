package dev.switchboard.invocation.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.UUID;

/** A tool that the calling key used lately, as {@code GET /api/tools/recent} lists it, newest first. */
@RegisterForReflection
public record RecentTool(String name, String qualifiedName, UUID serverId, String serverName, Instant lastUsedAt) {
}
