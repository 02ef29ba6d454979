package dev.switchboard.webhook.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** How the receiver took a {@code webhook.test} event: delivered when it answered 2xx. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TestDelivery(String eventId, boolean delivered, Integer statusCode, long latencyMs, String responseExcerpt,
                           String error) {
}
