package dev.switchboard.registry.rest;

import dev.switchboard.model.api.ApiResponse;
import dev.switchboard.model.api.PageResult;
import dev.switchboard.model.registry.ApiKeyView;
import dev.switchboard.platform.paging.PageParams;
import dev.switchboard.platform.security.CurrentCaller;
import dev.switchboard.platform.security.Role;
import dev.switchboard.registry.api.CreateKeyRequest;
import dev.switchboard.registry.service.ApiKeyService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/keys")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "API keys")
@SecurityRequirement(name = "jwt")
@RolesAllowed({Role.ADMIN, Role.MANAGER})
public class KeyResource {

    private final ApiKeyService keys;
    private final CurrentCaller caller;

    public KeyResource(ApiKeyService keys, CurrentCaller caller) {
        this.keys = keys;
        this.caller = caller;
    }

    @POST
    @Operation(summary = "Create a key; the answer shows the key this once, it is stored only as a hash")
    public Response create(@NotNull @Valid CreateKeyRequest request) {
        return Response.status(Response.Status.CREATED).entity(ApiResponse.of(keys.create(request, caller.get()))).build();
    }

    @GET
    @Operation(summary = "Active keys: prefix, name, role, expiry and last use, never the key")
    public ApiResponse<PageResult<ApiKeyView>> list(@QueryParam("tenantId") UUID tenantId,
                                                    @Valid @BeanParam PageParams page) {
        return ApiResponse.of(keys.list(tenantId, page.limit, page.offset, caller.get()));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Revoke a key; its tokens stop working on every service")
    public Response revoke(@PathParam("id") UUID id) {
        keys.revoke(id, caller.get());
        return Response.noContent().build();
    }
}
