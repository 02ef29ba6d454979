package dev.switchboard.registry.rest;

import dev.switchboard.model.api.ApiResponse;
import dev.switchboard.model.api.PageResult;
import dev.switchboard.platform.security.Role;
import dev.switchboard.registry.service.TemplateCatalog;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
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

    public TemplateResource(TemplateCatalog catalog) {
        this.catalog = catalog;
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
}
