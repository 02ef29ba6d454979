package dev.switchboard.invocation.client;

import java.util.List;
import java.util.UUID;

/** What this service needs of a tenant: the global servers it enabled, by id or name. */
public record TenantSettings(UUID id, List<String> enabledMcpServers) {

    public TenantSettings {
        enabledMcpServers = List.copyOf(enabledMcpServers);
    }
}
