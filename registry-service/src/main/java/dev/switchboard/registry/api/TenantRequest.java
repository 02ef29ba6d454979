package dev.switchboard.registry.api;

import dev.switchboard.model.registry.TenantSettings;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** What a tenant is made of; the body of a creation, and what a merge patch is applied to. */
@RegisterForReflection
public record TenantRequest(
        @NotBlank @Size(max = 100) @Pattern(regexp = "[a-z0-9][a-z0-9-]*",
                message = "must be lower-case letters, digits and dashes") String name,
        @Valid TenantSettings settings) {

    public TenantRequest {
        settings = settings == null ? new TenantSettings(null, null) : settings;
    }
}
