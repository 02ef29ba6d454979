package dev.switchboard.audit.api;

import dev.switchboard.platform.paging.PageParams;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.QueryParam;

/** The filters of {@code GET /api/audit} and its export; times are RFC 3339 instants or dates (UTC midnight). */
public class AuditQueryParams extends PageParams {

    @QueryParam("action")
    @Pattern(regexp = "^[a-z_]+(\\.[a-z_]+)*(\\.\\*)?$|^\\*$", message = "must be an event type or a prefix such as server.*")
    public String action;

    @QueryParam("actor")
    @Size(max = 100)
    public String actor;

    @QueryParam("resource")
    @Size(max = 200)
    public String resource;

    @QueryParam("server")
    @Size(max = 100)
    public String server;

    @QueryParam("tool")
    @Size(max = 200)
    public String tool;

    @QueryParam("success")
    @Pattern(regexp = "true|false", message = "must be true or false")
    public String success;

    @QueryParam("from")
    public String from;

    @QueryParam("to")
    public String to;

    @QueryParam("tenant")
    @Size(max = 100)
    public String tenant;
}
