package dev.switchboard.registry.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.UUID;

@RegisterForReflection
public record FavoriteView(String toolName, UUID serverId, String serverName, Instant favoritedAt) {
}
