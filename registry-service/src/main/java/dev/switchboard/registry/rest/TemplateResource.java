package dev.switchboard.registry.rest;

import dev.switchboard.model.api.ApiResponse;
import dev.switchboard.model.api.PageResult;
import dev.switchboard.platform.security.CurrentCaller;
import dev.switchboard.platform.security.Role;
import dev.switchboard.registry.api.InstantiateRequest;
import dev.switchboard.registry.api.ServerTemplate;
import dev.switchboard.registry.service.TemplateCatalog;
import dev.switchboard.registry.service.TemplateService;
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
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/templates")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Templates")
@SecurityRequirement(name = "jwt")
@RolesAllowed({Role.ADMIN, Role.MANAGER, Role.USER})
public class TemplateResource {

    private final TemplateCatalog catalog;
    private final TemplateService templates;
    private final CurrentCaller caller;

    public TemplateResource(TemplateCatalog catalog, TemplateService templates, CurrentCaller caller) {
        this.catalog = catalog;
        this.templates = templates;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "The built-in catalog of well-known MCP servers, by name")
    public ApiResponse<PageResult<ServerTemplate>> list(@QueryParam("category") @Size(max = 50) String category,
                                                        @QueryParam("search") @Size(max = 100) String search) {
        List<ServerTemplate> found = catalog.find(category, search);
        return ApiResponse.of(new PageResult<>(found, found.size(), Math.max(found.size(), 1), 0));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One template")
    public ApiResponse<ServerTemplate> get(@PathParam("id") @Size(max = 100) String id) {
        return ApiResponse.of(catalog.get(id));
    }

    @POST
    @Path("/{id}/instantiate")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.ADMIN, Role.MANAGER})
    @Operation(summary = "Create a server from a template; every required placeholder needs a value. Stdio templates "
            + "run a command and take an admin; a manager makes remote ones in its own tenant")
    public Response instantiate(@PathParam("id") @Size(max = 100) String id, @NotNull @Valid InstantiateRequest request) {
        return Response.status(Response.Status.CREATED)
                .entity(ApiResponse.of(templates.instantiate(id, request, caller.get()))).build();
    }
}
