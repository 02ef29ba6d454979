package dev.switchboard.registry.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.model.api.ApiResponse;
import dev.switchboard.model.api.PageResult;
import dev.switchboard.model.registry.TenantView;
import dev.switchboard.platform.paging.PageParams;
import dev.switchboard.platform.security.CurrentCaller;
import dev.switchboard.platform.security.Role;
import dev.switchboard.registry.api.TenantRequest;
import dev.switchboard.registry.mapping.JsonMergePatch;
import dev.switchboard.registry.service.TenantService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/tenants")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Tenants")
@SecurityRequirement(name = "jwt")
@RolesAllowed(Role.ADMIN)
public class TenantResource {

    private final TenantService tenants;
    private final CurrentCaller caller;

    public TenantResource(TenantService tenants, CurrentCaller caller) {
        this.tenants = tenants;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a tenant")
    public Response create(@NotNull @Valid TenantRequest request) {
        return Response.status(Response.Status.CREATED).entity(ApiResponse.of(tenants.create(request, caller.get()))).build();
    }

    @GET
    @Operation(summary = "Tenants by name")
    public ApiResponse<PageResult<TenantView>> list(@Valid @BeanParam PageParams page) {
        return ApiResponse.of(tenants.list(page.limit, page.offset));
    }

    @GET
    @Path("/{id}")
    public ApiResponse<TenantView> get(@PathParam("id") UUID id) {
        return ApiResponse.of(tenants.get(id));
    }

    @PATCH
    @Path("/{id}")
    @Consumes({JsonMergePatch.MEDIA_TYPE, MediaType.APPLICATION_JSON})
    @Operation(summary = "Change a tenant with a JSON Merge Patch (RFC 7396) of {name, settings}")
    public ApiResponse<TenantView> patch(@PathParam("id") UUID id, JsonNode patch) {
        return ApiResponse.of(tenants.patch(id, patch, caller.get()));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a tenant that has no active keys left")
    public Response delete(@PathParam("id") UUID id) {
        tenants.delete(id, caller.get());
        return Response.noContent().build();
    }
}
