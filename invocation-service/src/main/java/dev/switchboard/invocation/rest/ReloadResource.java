package dev.switchboard.invocation.rest;

import dev.switchboard.invocation.service.ConfigurationSync;
import dev.switchboard.model.api.ApiResponse;
import dev.switchboard.platform.security.CurrentCaller;
import dev.switchboard.platform.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/reload")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Connections")
@SecurityRequirement(name = "jwt")
@RolesAllowed(Role.ADMIN)
public class ReloadResource {

    private final ConfigurationSync configuration;
    private final CurrentCaller caller;

    public ReloadResource(ConfigurationSync configuration, CurrentCaller caller) {
        this.configuration = configuration;
        this.caller = caller;
    }

    @POST
    @Operation(summary = "Read every server's configuration from the registry again, or one server's with "
            + "?server=<id or name>")
    public ApiResponse<Map<String, Object>> reload(@QueryParam("server") @Pattern(regexp = ConnectionResource.SERVER_REFERENCE,
            message = ConnectionResource.SERVER_REFERENCE_RULE) String server) {
        if (server == null) {
            return ApiResponse.of(Map.of("servers", configuration.reloadAll()));
        }
        UUID id = configuration.idOf(server, caller.get());
        return ApiResponse.of(Map.of("server", id, "known", configuration.reload(id)));
    }
}
