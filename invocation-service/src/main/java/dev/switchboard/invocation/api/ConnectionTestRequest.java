package dev.switchboard.invocation.api;

import dev.switchboard.model.auth.NoAuth;
import dev.switchboard.model.auth.UpstreamAuth;
import dev.switchboard.model.transport.TransportConfig;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/** A server configuration to try without saving it. */
@RegisterForReflection
public record ConnectionTestRequest(@NotNull @Valid TransportConfig transport, @Valid UpstreamAuth auth) {

    public ConnectionTestRequest {
        auth = auth == null ? new NoAuth() : auth;
    }
}
