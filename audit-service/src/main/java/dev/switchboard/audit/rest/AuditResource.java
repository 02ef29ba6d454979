package dev.switchboard.audit.rest;

import dev.switchboard.audit.api.AuditEntry;
import dev.switchboard.audit.api.AuditQueryParams;
import dev.switchboard.audit.api.AuditStats;
import dev.switchboard.audit.mapping.AuditExportWriter;
import dev.switchboard.audit.repository.AuditFilter;
import dev.switchboard.audit.repository.AuditSearchRepository;
import dev.switchboard.audit.service.AuditQueryService;
import dev.switchboard.model.api.ApiResponse;
import dev.switchboard.model.api.PageResult;
import dev.switchboard.platform.security.CurrentCaller;
import dev.switchboard.platform.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/audit")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit")
@SecurityRequirement(name = "jwt")
@RolesAllowed({Role.ADMIN, Role.MANAGER, Role.USER})
public class AuditResource {

    private static final String CSV = "text/csv";

    private final AuditQueryService queries;
    private final AuditSearchRepository search;
    private final AuditExportWriter exports;
    private final CurrentCaller caller;

    public AuditResource(AuditQueryService queries, AuditSearchRepository search, AuditExportWriter exports,
                         CurrentCaller caller) {
        this.queries = queries;
        this.search = search;
        this.exports = exports;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "Stored events, newest first, filtered")
    public ApiResponse<PageResult<AuditEntry>> list(@Valid @BeanParam AuditQueryParams params) {
        return ApiResponse.of(queries.list(params, caller.get()));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One stored event, by its CloudEvents id")
    public ApiResponse<AuditEntry> get(@PathParam("id") @Size(max = 200) String id) {
        return ApiResponse.of(queries.get(id, caller.get()));
    }

    @GET
    @Path("/export")
    @Produces({CSV, MediaType.APPLICATION_JSON})
    @Operation(summary = "Every matching event as CSV or a JSON array, streamed; limit and offset do not apply")
    public Response export(@QueryParam("format") @DefaultValue("csv") @Pattern(regexp = "csv|json",
            message = "must be csv or json") String format, @Valid @BeanParam AuditQueryParams params) {
        AuditFilter filter = queries.filter(params, caller.get());
        boolean csv = format.equals("csv");
        StreamingOutput body = out -> {
            if (csv) {
                exports.csv(out, each -> search.stream(filter, each));
            } else {
                exports.json(out, each -> search.stream(filter, each));
            }
        };
        String filename = "audit-" + Instant.now().truncatedTo(ChronoUnit.SECONDS).toString().replace(":", "") + "." + format;
        return Response.ok(body, csv ? CSV + "; charset=utf-8" : MediaType.APPLICATION_JSON)
                .header("Content-Disposition", "attachment; filename=\"" + filename + "\"")
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .build();
    }

    @GET
    @Path("/stats")
    @Operation(summary = "Invocation totals, error rate, top tools with p50/p95 durations, and invocations by day")
    public ApiResponse<AuditStats> stats(@Valid @BeanParam AuditQueryParams params) {
        return ApiResponse.of(queries.stats(params, caller.get()));
    }

    @GET
    @Path("/tools/{name}/history")
    @Operation(summary = "The invocations of one tool, newest first")
    public ApiResponse<PageResult<AuditEntry>> toolHistory(@PathParam("name") @Size(max = 200) String name,
                                                           @Valid @BeanParam AuditQueryParams params) {
        return ApiResponse.of(queries.toolHistory(name, params, caller.get()));
    }

    @GET
    @Path("/recent")
    @Operation(summary = "The tools the calling key used most recently")
    public ApiResponse<List<String>> recent(@QueryParam("limit") @DefaultValue("10") @Min(1) @Max(100) int limit) {
        return ApiResponse.of(queries.recentTools(caller.get(), limit));
    }
}
