package dev.switchboard.invocation.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.invocation.api.CapabilitiesView;
import dev.switchboard.invocation.api.GetPromptRequest;
import dev.switchboard.invocation.api.ReadResourceRequest;
import dev.switchboard.invocation.api.ServerCapabilities;
import dev.switchboard.invocation.service.CatalogService;
import dev.switchboard.model.api.ApiResponse;
import dev.switchboard.platform.security.CurrentCaller;
import dev.switchboard.platform.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Capabilities, resources and prompts of the connected servers the caller sees. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Catalog")
@SecurityRequirement(name = "jwt")
@RolesAllowed({Role.ADMIN, Role.MANAGER, Role.USER})
public class CatalogResource {

    private final CatalogService catalog;
    private final CurrentCaller caller;

    public CatalogResource(CatalogService catalog, CurrentCaller caller) {
        this.catalog = catalog;
        this.caller = caller;
    }

    @GET
    @Path("/capabilities")
    @Operation(summary = "Each server's tools, prompts and resources, or one server's with ?server=<id or name>")
    public ApiResponse<CapabilitiesView> capabilities(@QueryParam("server") @Size(max = 100) String server) {
        List<ServerCapabilities> servers = catalog.capabilities(server, caller.get());
        return ApiResponse.of(CapabilitiesView.of(servers));
    }

    @POST
    @Path("/resources/read")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Read a resource by URI, or by a resource template with its variables filled in")
    public CompletionStage<ApiResponse<JsonNode>> read(@NotNull @Valid ReadResourceRequest request) {
        return catalog.readResource(request.serverId(), request.uri(), caller.get()).thenApply(ApiResponse::of);
    }

    @POST
    @Path("/prompts/{name}/get")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Render a prompt with its arguments")
    public CompletionStage<ApiResponse<JsonNode>> prompt(@PathParam("name") @Size(max = 200) String name,
                                                         @Valid GetPromptRequest request) {
        GetPromptRequest body = request == null ? new GetPromptRequest(null, null) : request;
        return catalog.getPrompt(name, body.serverId(), body.arguments(), caller.get()).thenApply(ApiResponse::of);
    }
}
