package dev.switchboard.invocation.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.UUID;

/**
 * @param state         {@code connected}, {@code connecting}, {@code disconnected} or {@code error}
 * @param nextAttemptAt when a server in {@code error} is tried again; absent once its reconnect policy gave up
 */
@RegisterForReflection
public record ConnectionStatus(UUID serverId, String serverName, String transport, String state, Instant connectedAt,
                               String protocolVersion, int toolCount, int promptCount, int resourceCount,
                               String lastError, Instant nextAttemptAt) {
}
