package dev.switchboard.registry.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.UUID;

/** @param serverId needed only when more than one server offers a tool of that name */
@RegisterForReflection
public record FavoriteRequest(UUID serverId) {
}
