package dev.switchboard.registry.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/**
 * A group as a client writes it: the body of a creation and of a replacement, and what a merge patch is applied to.
 *
 * @param tenantId an admin's choice of tenant at creation; absent for a group of global servers
 */
@RegisterForReflection
public record GroupRequest(
        @NotBlank @Size(max = 100) String name,
        @Size(max = 500) String description,
        @Pattern(regexp = "^#[0-9a-fA-F]{6}$", message = "must be a colour such as #22c55e") String color,
        @Size(max = 50) String icon,
        @Min(0) @Max(10_000) Integer sortOrder,
        @JsonInclude(JsonInclude.Include.NON_NULL) UUID tenantId) {

    public GroupRequest {
        sortOrder = sortOrder == null ? 0 : sortOrder;
    }
}
