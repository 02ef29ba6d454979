package dev.switchboard.invocation.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.UUID;

/** A live ping of one server. */
@RegisterForReflection
public record HealthReport(UUID serverId, boolean healthy, Long responseTimeMs, int toolCount, Instant lastCheck,
                           String error) {
}
