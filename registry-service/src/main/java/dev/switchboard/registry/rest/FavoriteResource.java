package dev.switchboard.registry.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.model.api.ApiResponse;
import dev.switchboard.model.api.PageResult;
import dev.switchboard.platform.json.OptionalBody;
import dev.switchboard.platform.security.CurrentCaller;
import dev.switchboard.platform.security.Role;
import dev.switchboard.registry.api.FavoriteRequest;
import dev.switchboard.registry.api.FavoriteView;
import dev.switchboard.registry.service.FavoriteService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
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
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The calling key's favourite tools. */
@Path("/api/favorites")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Favorites")
@SecurityRequirement(name = "jwt")
@RolesAllowed({Role.ADMIN, Role.MANAGER, Role.USER})
public class FavoriteResource {

    private final FavoriteService favorites;
    private final ObjectMapper json;
    private final CurrentCaller caller;

    public FavoriteResource(FavoriteService favorites, CurrentCaller caller, ObjectMapper json) {
        this.json = json;
        this.favorites = favorites;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "The calling key's favourite tools, oldest first")
    public ApiResponse<PageResult<FavoriteView>> list() {
        List<FavoriteView> found = favorites.list(caller.get());
        return ApiResponse.of(new PageResult<>(found, found.size(), Math.max(found.size(), 1), 0));
    }

    /** The body is optional, so it is read whatever its content type, and only when there is one. */
    @POST
    @Path("/{toolName}")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Mark a tool as a favourite; send {\"serverId\"} when several servers offer a tool of that name")
    public Response add(@PathParam("toolName") @Size(max = 128) String toolName, String body) {
        return Response.status(Response.Status.CREATED)
                .entity(ApiResponse.of(favorites.add(toolName,
                        OptionalBody.read(json, body, FavoriteRequest.class).map(FavoriteRequest::serverId).orElse(null),
                        caller.get()))).build();
    }

    @DELETE
    @Path("/{toolName}")
    @Operation(summary = "Forget a favourite tool, on one server or on all")
    public Response remove(@PathParam("toolName") @Size(max = 128) String toolName,
                           @QueryParam("serverId") @Pattern(regexp = ServerQueryParams.UUID_PATTERN,
                                   message = "must be a UUID") String serverId) {
        favorites.remove(toolName, serverId == null ? null : UUID.fromString(serverId), caller.get());
        return Response.noContent().build();
    }
}
