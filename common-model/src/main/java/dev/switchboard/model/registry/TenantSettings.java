package dev.switchboard.model.registry;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;

/** @param enabledMcpServers ids of the global servers this tenant uses */
public record TenantSettings(@Size(max = 200) String displayName,
                             @Size(max = 500) List<@NotBlank @Size(max = 64) String> enabledMcpServers) {

    public TenantSettings {
        enabledMcpServers = enabledMcpServers == null ? List.of() : List.copyOf(enabledMcpServers);
    }
}
