package dev.switchboard.invocation.rest;

import dev.switchboard.invocation.api.CacheStats;
import dev.switchboard.invocation.service.CacheService;
import dev.switchboard.model.api.ApiResponse;
import dev.switchboard.platform.security.CurrentCaller;
import dev.switchboard.platform.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/cache")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Cache")
@SecurityRequirement(name = "jwt")
@RolesAllowed({Role.ADMIN, Role.MANAGER})
public class CacheResource {

    private static final String UUID_PATTERN = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";

    private final CacheService cache;
    private final CurrentCaller caller;

    public CacheResource(CacheService cache, CurrentCaller caller) {
        this.cache = cache;
        this.caller = caller;
    }

    @GET
    @Path("/stats")
    @Operation(summary = "Entries, hits, misses, hit rate, memory and oldest entry of this replica's result cache, for the caller's tenant")
    public ApiResponse<CacheStats> stats() {
        return ApiResponse.of(cache.stats(caller.get()));
    }

    @DELETE
    @Operation(summary = "Clear cached results, all or those of tools matching a <server>/<tool> glob or of one server")
    public ApiResponse<Map<String, Integer>> clear(@QueryParam("pattern") @Size(max = 200) String pattern,
                                                   @QueryParam("serverId") @Pattern(regexp = UUID_PATTERN,
                                                           message = "must be a UUID") String serverId) {
        return ApiResponse.of(Map.of("removed", cache.clear(pattern, serverId == null ? null : UUID.fromString(serverId),
                caller.get())));
    }
}
