package dev.switchboard.registry.rest;

import dev.switchboard.model.api.ApiResponse;
import dev.switchboard.model.api.PageResult;
import dev.switchboard.model.registry.TenantView;
import dev.switchboard.model.server.ServerDefinition;
import dev.switchboard.platform.paging.PageParams;
import dev.switchboard.platform.security.CurrentCaller;
import dev.switchboard.platform.security.Role;
import dev.switchboard.registry.service.InternalServerService;
import dev.switchboard.registry.service.TenantService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Between services only: never routed from outside (DESIGN §1). Reads of secrets are logged by the service. */
@Path("/internal")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Internal")
@SecurityRequirement(name = "jwt")
@RolesAllowed(Role.SERVICE)
public class InternalResource {

    private final InternalServerService servers;
    private final TenantService tenants;
    private final CurrentCaller caller;

    public InternalResource(InternalServerService servers, TenantService tenants, CurrentCaller caller) {
        this.servers = servers;
        this.tenants = tenants;
        this.caller = caller;
    }

    @GET
    @Path("/servers")
    @Operation(summary = "Every live server's full configuration, secrets in clear, for the service role")
    public ApiResponse<PageResult<ServerDefinition>> list(@Valid @BeanParam PageParams page) {
        return ApiResponse.of(servers.list(page.limit, page.offset, caller.get()));
    }

    @GET
    @Path("/servers/{id}")
    @Operation(summary = "One live server's full configuration, secrets in clear, for the service role")
    public ApiResponse<ServerDefinition> get(@PathParam("id") UUID id) {
        return ApiResponse.of(servers.get(id, caller.get()));
    }

    @GET
    @Path("/tenants")
    @Operation(summary = "Every tenant with the global servers it enabled, for the service role")
    public ApiResponse<PageResult<TenantView>> tenants(@Valid @BeanParam PageParams page) {
        return ApiResponse.of(tenants.list(page.limit, page.offset));
    }
}
