package dev.switchboard.registry.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.model.api.ApiResponse;
import dev.switchboard.model.api.PageResult;
import dev.switchboard.model.registry.GroupView;
import dev.switchboard.platform.paging.PageParams;
import dev.switchboard.platform.security.CurrentCaller;
import dev.switchboard.platform.security.Role;
import dev.switchboard.registry.api.GroupRequest;
import dev.switchboard.registry.api.GroupServersRequest;
import dev.switchboard.registry.mapping.JsonMergePatch;
import dev.switchboard.registry.service.GroupService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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

@Path("/api/groups")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Groups")
@SecurityRequirement(name = "jwt")
@RolesAllowed({Role.ADMIN, Role.MANAGER})
public class GroupResource {

    private final GroupService groups;
    private final CurrentCaller caller;

    public GroupResource(GroupService groups, CurrentCaller caller) {
        this.groups = groups;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a group")
    public Response create(@NotNull @Valid GroupRequest request) {
        return Response.status(Response.Status.CREATED).entity(ApiResponse.of(groups.create(request, caller.get()))).build();
    }

    @GET
    @RolesAllowed({Role.ADMIN, Role.MANAGER, Role.USER})
    @Operation(summary = "Groups by sort order, then name, with their server counts")
    public ApiResponse<PageResult<GroupView>> list(
            @QueryParam("tenantId") @Pattern(regexp = ServerQueryParams.UUID_PATTERN, message = "must be a UUID") String tenantId,
            @Valid @BeanParam PageParams page) {
        return ApiResponse.of(groups.list(tenantId == null ? null : UUID.fromString(tenantId), page.limit, page.offset, caller.get()));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Role.ADMIN, Role.MANAGER, Role.USER})
    public ApiResponse<GroupView> get(@PathParam("id") UUID id) {
        return ApiResponse.of(groups.get(id, caller.get()));
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace a group")
    public ApiResponse<GroupView> replace(@PathParam("id") UUID id, @NotNull @Valid GroupRequest request) {
        return ApiResponse.of(groups.replace(id, request, caller.get()));
    }

    @PATCH
    @Path("/{id}")
    @Consumes({JsonMergePatch.MEDIA_TYPE, MediaType.APPLICATION_JSON})
    @Operation(summary = "Change a group with a JSON Merge Patch (RFC 7396)")
    public ApiResponse<GroupView> patch(@PathParam("id") UUID id, JsonNode patch) {
        return ApiResponse.of(groups.patch(id, patch, caller.get()));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a group; its servers become ungrouped")
    public Response delete(@PathParam("id") UUID id) {
        groups.delete(id, caller.get());
        return Response.noContent().build();
    }

    @POST
    @Path("/{id}/servers")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Move servers of the group's tenant into the group")
    public ApiResponse<GroupView> addServers(@PathParam("id") UUID id, @NotNull @Valid GroupServersRequest request) {
        return ApiResponse.of(groups.addServers(id, request.serverIds(), caller.get()));
    }
}
