package dev.switchboard.registry.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.model.api.ApiResponse;
import dev.switchboard.model.api.PageResult;
import dev.switchboard.platform.security.CurrentCaller;
import dev.switchboard.platform.security.Role;
import dev.switchboard.registry.api.ImportResult;
import dev.switchboard.registry.api.ServerExport;
import dev.switchboard.registry.api.ServerRequest;
import dev.switchboard.registry.api.ServerView;
import dev.switchboard.registry.mapping.JsonMergePatch;
import dev.switchboard.registry.service.ServerService;
import dev.switchboard.registry.service.ServerTransferService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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

@Path("/api/servers")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Servers")
@SecurityRequirement(name = "jwt")
@RolesAllowed({Role.ADMIN, Role.MANAGER})
public class ServerResource {

    private final ServerService servers;
    private final ServerTransferService transfers;
    private final CurrentCaller caller;

    public ServerResource(ServerService servers, ServerTransferService transfers, CurrentCaller caller) {
        this.servers = servers;
        this.transfers = transfers;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register a server; secrets are encrypted at rest and answered as ***")
    public Response create(@NotNull ServerRequest request) {
        return Response.status(Response.Status.CREATED).entity(ApiResponse.of(servers.create(request, caller.get()))).build();
    }

    @GET
    @RolesAllowed({Role.ADMIN, Role.MANAGER, Role.USER})
    @Operation(summary = "Servers by name, with their last reported status; include=tools adds the tools each reported")
    public ApiResponse<PageResult<ServerView>> list(@Valid @BeanParam ServerQueryParams params) {
        return ApiResponse.of(servers.list(params.toFilter(), params.limit, params.offset, params.includeTools(),
                caller.get()));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Role.ADMIN, Role.MANAGER, Role.USER})
    @Operation(summary = "One server; include=tools adds the tools it last reported")
    public ApiResponse<ServerView> get(@PathParam("id") UUID id,
                                       @QueryParam("include") @Pattern(regexp = "tools", message = "must be tools") String include,
                                       @QueryParam("includeDeleted") @DefaultValue("false")
                                       @Pattern(regexp = "true|false", message = "must be true or false") String includeDeleted) {
        return ApiResponse.of(servers.get(id, include != null, Boolean.parseBoolean(includeDeleted), caller.get()));
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace a server; a secret sent as *** keeps its stored value")
    public ApiResponse<ServerView> replace(@PathParam("id") UUID id, @NotNull ServerRequest request) {
        return ApiResponse.of(servers.replace(id, request, caller.get()));
    }

    @PATCH
    @Path("/{id}")
    @Consumes({JsonMergePatch.MEDIA_TYPE, MediaType.APPLICATION_JSON})
    @Operation(summary = "Change a server with a JSON Merge Patch (RFC 7396); a secret sent as *** keeps its stored value")
    public ApiResponse<ServerView> patch(@PathParam("id") UUID id, JsonNode patch) {
        return ApiResponse.of(servers.patch(id, patch, caller.get()));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a server (soft: restore brings it back)")
    public Response delete(@PathParam("id") UUID id) {
        servers.delete(id, caller.get());
        return Response.noContent().build();
    }

    @POST
    @Path("/{id}/restore")
    @Operation(summary = "Bring a deleted server back")
    public ApiResponse<ServerView> restore(@PathParam("id") UUID id) {
        return ApiResponse.of(servers.restore(id, caller.get()));
    }

    @GET
    @Path("/export")
    @Operation(summary = "A tenant's servers and groups as one document, without ids or secrets")
    public ApiResponse<ServerExport> export(@QueryParam("tenantId") @Pattern(regexp = ServerQueryParams.UUID_PATTERN,
            message = "must be a UUID") String tenantId) {
        return ApiResponse.of(transfers.export(tenantId == null ? null : UUID.fromString(tenantId), caller.get()));
    }

    @POST
    @Path("/import")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create or update a tenant's servers and groups from an export, matched by name")
    public ApiResponse<ImportResult> importDocument(@QueryParam("tenantId") @Pattern(regexp = ServerQueryParams.UUID_PATTERN,
            message = "must be a UUID") String tenantId, @NotNull ServerExport document) {
        return ApiResponse.of(transfers.importInto(document, tenantId == null ? null : UUID.fromString(tenantId), caller.get()));
    }
}
