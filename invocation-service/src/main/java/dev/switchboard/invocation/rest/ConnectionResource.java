package dev.switchboard.invocation.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.invocation.api.BulkResult;
import dev.switchboard.invocation.api.ConnectionStatus;
import dev.switchboard.invocation.api.ConnectionTestRequest;
import dev.switchboard.invocation.api.ConnectionTestResult;
import dev.switchboard.invocation.api.HealthReport;
import dev.switchboard.invocation.api.ServerIds;
import dev.switchboard.invocation.service.CatalogService;
import dev.switchboard.invocation.service.ConnectionService;
import dev.switchboard.invocation.service.ConnectionTestService;
import dev.switchboard.model.api.ApiResponse;
import dev.switchboard.platform.security.CurrentCaller;
import dev.switchboard.platform.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/connections")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Connections")
@SecurityRequirement(name = "jwt")
@RolesAllowed({Role.ADMIN, Role.MANAGER, Role.USER})
public class ConnectionResource {

    /** A server's id or name, as a path or query addresses it; anything else is a 400 rather than a lookup. */
    static final String SERVER_REFERENCE = "[A-Za-z0-9][A-Za-z0-9_.-]{0,63}";
    static final String SERVER_REFERENCE_RULE = "must be a server id or name";

    private final ConnectionService connections;
    private final CatalogService catalog;
    private final ConnectionTestService tester;
    private final CurrentCaller caller;

    public ConnectionResource(ConnectionService connections, CatalogService catalog, ConnectionTestService tester,
                              CurrentCaller caller) {
        this.connections = connections;
        this.catalog = catalog;
        this.tester = tester;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "The connection state of every server the caller sees")
    public ApiResponse<List<ConnectionStatus>> list() {
        return ApiResponse.of(connections.list(caller.get()));
    }

    @GET
    @Path("/{server}")
    @Operation(summary = "One server's connection state; the server by id or by name")
    public ApiResponse<ConnectionStatus> get(@PathParam("server") @Pattern(regexp = SERVER_REFERENCE, message = SERVER_REFERENCE_RULE) String server) {
        return ApiResponse.of(connections.status(server, caller.get()));
    }

    @POST
    @Path("/{server}/connect")
    @RolesAllowed({Role.ADMIN, Role.MANAGER})
    @Operation(summary = "Connect now and report the outcome")
    public ApiResponse<ConnectionStatus> connect(@PathParam("server") @Pattern(regexp = SERVER_REFERENCE, message = SERVER_REFERENCE_RULE) String server) {
        return ApiResponse.of(connections.connect(server, caller.get()));
    }

    @POST
    @Path("/{server}/disconnect")
    @RolesAllowed({Role.ADMIN, Role.MANAGER})
    @Operation(summary = "Disconnect, and stay disconnected until connected again or reconfigured")
    public ApiResponse<ConnectionStatus> disconnect(@PathParam("server") @Pattern(regexp = SERVER_REFERENCE, message = SERVER_REFERENCE_RULE) String server) {
        return ApiResponse.of(connections.disconnect(server, caller.get()));
    }

    @POST
    @Path("/bulk/connect")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.ADMIN, Role.MANAGER})
    public ApiResponse<BulkResult> connectAll(@NotNull @Valid ServerIds request) {
        return ApiResponse.of(connections.connectAll(request.serverIds(), caller.get()));
    }

    @POST
    @Path("/bulk/disconnect")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.ADMIN, Role.MANAGER})
    public ApiResponse<BulkResult> disconnectAll(@NotNull @Valid ServerIds request) {
        return ApiResponse.of(connections.disconnectAll(request.serverIds(), caller.get()));
    }

    @POST
    @Path("/test")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.ADMIN, Role.MANAGER})
    @Operation(summary = "Connect to an unsaved configuration and report how it went")
    public ApiResponse<ConnectionTestResult> test(@NotNull @Valid ConnectionTestRequest request) {
        return ApiResponse.of(tester.test(request, caller.get(), false));
    }

    @POST
    @Path("/test/tools")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.ADMIN, Role.MANAGER})
    @Operation(summary = "Connect to an unsaved configuration and list its tools")
    public ApiResponse<ConnectionTestResult> testTools(@NotNull @Valid ConnectionTestRequest request) {
        return ApiResponse.of(tester.test(request, caller.get(), true));
    }

    @GET
    @Path("/{server}/health")
    @Operation(summary = "Ping the server now")
    public ApiResponse<HealthReport> health(@PathParam("server") @Pattern(regexp = SERVER_REFERENCE, message = SERVER_REFERENCE_RULE) String server) {
        return ApiResponse.of(connections.health(server, caller.get()));
    }

    @GET
    @Path("/{server}/resources")
    @Operation(summary = "The server's resources and resource templates")
    public ApiResponse<JsonNode> resources(@PathParam("server") @Pattern(regexp = SERVER_REFERENCE, message = SERVER_REFERENCE_RULE) String server) {
        return ApiResponse.of(catalog.resources(server, caller.get()));
    }

    @GET
    @Path("/{server}/prompts")
    @Operation(summary = "The server's prompts")
    public ApiResponse<JsonNode> prompts(@PathParam("server") @Pattern(regexp = SERVER_REFERENCE, message = SERVER_REFERENCE_RULE) String server) {
        return ApiResponse.of(catalog.prompts(server, caller.get()));
    }
}
