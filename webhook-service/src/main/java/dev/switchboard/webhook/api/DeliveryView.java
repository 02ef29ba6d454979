package dev.switchboard.webhook.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One event's delivery to one subscription: {@code pending} (due at {@code nextAttemptAt}), {@code sending},
 * {@code delivered} or {@code failed}; with its attempts when asked for one delivery.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeliveryView(UUID id, String eventId, String eventType, String status, int attempts, Instant nextAttemptAt,
                           Integer lastStatusCode, String lastError, Instant createdAt, Instant deliveredAt,
                           List<Attempt> attemptLog) {

    /** One attempt: the receiver's status (none when it could not be reached), how long, the start of its answer. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Attempt(Instant attemptedAt, Integer statusCode, long latencyMs, String responseExcerpt, String error) {
    }
}
