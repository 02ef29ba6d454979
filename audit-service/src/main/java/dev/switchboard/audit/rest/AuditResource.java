package dev.switchboard.audit.rest;

import dev.switchboard.audit.service.AuditQueryService;
import dev.switchboard.model.api.ApiResponse;
import dev.switchboard.platform.security.CurrentCaller;
import dev.switchboard.platform.security.Role;
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

@Path("/api/audit")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit")
@SecurityRequirement(name = "jwt")
@RolesAllowed({Role.ADMIN, Role.MANAGER, Role.USER})
public class AuditResource {

    private final AuditQueryService queries;
    private final CurrentCaller caller;

    public AuditResource(AuditQueryService queries, CurrentCaller caller) {
        this.queries = queries;
        this.caller = caller;
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One stored event, by its CloudEvents id")
    public ApiResponse<AuditEntry> get(@PathParam("id") @Size(max = 200) String id) {
        return ApiResponse.of(queries.get(id, caller.get()));
    }
}
