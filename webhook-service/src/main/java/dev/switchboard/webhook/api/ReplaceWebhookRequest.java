package dev.switchboard.webhook.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.util.List;

/** A subscription as a whole, for {@code PUT}: what is left out is cleared ({@code description}) or on ({@code enabled}). */
@RegisterForReflection
public record ReplaceWebhookRequest(
        @NotBlank @Size(max = 2048) String url,
        @NotEmpty @Size(max = 50) List<@NotBlank @Size(max = 100) String> events,
        @Size(max = 500) String description,
        Boolean enabled) {
}
