package dev.switchboard.registry.rest;

import dev.switchboard.model.api.ApiResponse;
import dev.switchboard.platform.security.CurrentCaller;
import dev.switchboard.platform.security.Role;
import dev.switchboard.registry.service.ServerStatusService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/servers/{id}/status")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Servers")
@SecurityRequirement(name = "jwt")
@RolesAllowed({Role.ADMIN, Role.MANAGER, Role.USER})
public class ServerStatusResource {

    private final ServerStatusService statuses;
    private final CurrentCaller caller;

    public ServerStatusResource(ServerStatusService statuses, CurrentCaller caller) {
        this.statuses = statuses;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "The connection state the invocation service last reported for a server")
    public ApiResponse<ServerStatusView> get(@PathParam("id") @Size(max = 64) String id) {
        return ApiResponse.of(statuses.get(id, caller.get()));
    }
}
