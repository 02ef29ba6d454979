package dev.switchboard.registry.api;

import dev.switchboard.model.server.RateLimits;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Future;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * @param tenantId required for {@code manager} and {@code user} keys (a manager's own tenant when omitted); an
 *                 {@code admin} key has none
 * @param tools    glob patterns over {@code <server name>/<tool name>} that limit what the key may see and call
 * @param rateLimits calls the key may make to the invocation service; unset ones take the configured default
 */
public record CreateKeyRequest(
        @NotBlank @Size(max = 100) String name,
        @NotNull @Pattern(regexp = "admin|manager|user", message = "must be admin, manager or user") String role,
        UUID tenantId,
        @Size(max = 100) List<@NotBlank @Size(max = 200) @Pattern(regexp = "[^/\\s]+/[^/\\s]+",
                message = "must look like <server>/<tool>, with * as a wildcard") String> tools,
        @Future Instant expiresAt,
        @Valid RateLimits rateLimits) {
}
