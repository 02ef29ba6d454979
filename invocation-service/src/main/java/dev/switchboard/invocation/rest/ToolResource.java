package dev.switchboard.invocation.rest;

import dev.switchboard.invocation.api.InvokeRequest;
import dev.switchboard.invocation.api.RecentCall;
import dev.switchboard.invocation.api.RecentTool;
import dev.switchboard.invocation.api.ToolCategory;
import dev.switchboard.invocation.api.ToolStats;
import dev.switchboard.invocation.api.ToolView;
import dev.switchboard.invocation.service.ToolCatalog;
import dev.switchboard.invocation.service.ToolService;
import dev.switchboard.invocation.service.ToolStatistics;
import dev.switchboard.model.api.ApiResponse;
import dev.switchboard.model.api.PageResult;
import dev.switchboard.platform.error.Timestamps;
import dev.switchboard.platform.security.CurrentCaller;
import dev.switchboard.platform.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/tools")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Tools")
@SecurityRequirement(name = "jwt")
@RolesAllowed({Role.ADMIN, Role.MANAGER, Role.USER})
public class ToolResource {

    private final ToolCatalog catalog;
    private final ToolService tools;
    private final ToolStatistics statistics;
    private final CurrentCaller caller;

    public ToolResource(ToolCatalog catalog, ToolService tools, ToolStatistics statistics, CurrentCaller caller) {
        this.catalog = catalog;
        this.tools = tools;
        this.statistics = statistics;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "The tools of connected servers that the caller's key may use")
    public ApiResponse<PageResult<ToolView>> list(@Valid @BeanParam ToolQueryParams params) {
        return ApiResponse.of(catalog.list(params.toFilter(), params.limit, params.offset, caller.get()));
    }

    @GET
    @Path("/categories")
    @Operation(summary = "How many of those tools each server category holds")
    public ApiResponse<List<ToolCategory>> categories() {
        return ApiResponse.of(catalog.categories(caller.get()));
    }

    @GET
    @Path("/stats")
    @Operation(summary = "How many tools the caller sees, the calls to them, the most called, and calls per day (30 days)")
    public ApiResponse<ToolStats> stats() {
        return ApiResponse.of(statistics.stats(caller.get()));
    }

    @GET
    @Path("/recent")
    @Operation(summary = "The tools the calling key used most lately, each once, newest first")
    public ApiResponse<List<RecentTool>> recent(@QueryParam("limit") @DefaultValue("10") @Min(1) @Max(50) int limit) {
        return ApiResponse.of(statistics.recent(caller.get(), limit));
    }

    @GET
    @Path("/{name}/history")
    @Operation(summary = "The latest calls of one tool (each tenant's newest 200 are kept; the audit trail has all)")
    public ApiResponse<List<RecentCall>> history(@PathParam("name") @Size(max = 200) String name,
                                                 @QueryParam("from") String from, @QueryParam("to") String to,
                                                 @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(100) int limit) {
        return ApiResponse.of(statistics.history(name, Timestamps.parse("from", from), Timestamps.parse("to", to), limit,
                caller.get()));
    }

    @POST
    @Path("/{name}/invoke")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Call a tool, by its name or as <server>__<tool>; a tool error is a 200 with isError")
    public CompletionStage<Response> invoke(@PathParam("name") @Size(max = 200) String name, @Valid InvokeRequest request) {
        return tools.invoke(name, request == null ? new InvokeRequest(null, null, null) : request, caller.get())
                .thenApply(done -> {
                    Response.ResponseBuilder response = Response.ok(ApiResponse.of(done.result()));
                    done.quota().headers().forEach(response::header);
                    return response.build();
                });
    }
}
