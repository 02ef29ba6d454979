package dev.switchboard.invocation.rest;

import dev.switchboard.invocation.api.CircuitBreakerView;
import dev.switchboard.invocation.api.MonitorOverview;
import dev.switchboard.invocation.service.MonitorService;
import dev.switchboard.model.api.ApiResponse;
import dev.switchboard.platform.security.CurrentCaller;
import dev.switchboard.platform.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/monitor")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Monitor")
@SecurityRequirement(name = "jwt")
@RolesAllowed({Role.ADMIN, Role.MANAGER})
public class MonitorResource {

    private final MonitorService monitor;
    private final CurrentCaller caller;

    public MonitorResource(MonitorService monitor, CurrentCaller caller) {
        this.monitor = monitor;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "The gateway at a glance: the servers, calls and circuits of the caller's tenant")
    public ApiResponse<MonitorOverview> overview() {
        return ApiResponse.of(monitor.overview(caller.get()));
    }

    @GET
    @Path("/circuit-breakers")
    @Operation(summary = "Each server's circuit breaker: closed, open or half-open, and since when")
    public ApiResponse<List<CircuitBreakerView>> circuitBreakers() {
        return ApiResponse.of(monitor.circuitBreakers(caller.get()));
    }
}
