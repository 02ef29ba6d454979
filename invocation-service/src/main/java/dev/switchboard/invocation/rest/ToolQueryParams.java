package dev.switchboard.invocation.rest;

import dev.switchboard.invocation.service.ToolFilter;
import dev.switchboard.platform.paging.PageParams;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;
import java.util.Arrays;

/** The filters of {@code GET /api/tools}. */
public class ToolQueryParams extends PageParams {

    @QueryParam("query")
    @Size(max = 100)
    public String query;

    @QueryParam("category")
    @Size(max = 50)
    public String category;

    /** Comma-separated; a tool's server must carry all of them. */
    @QueryParam("tags")
    @Size(max = 500)
    public String tags;

    /** A server's id or name. */
    @QueryParam("server")
    @Size(max = 100)
    public String server;

    @QueryParam("sortBy")
    @DefaultValue("name")
    @Pattern(regexp = "name|usage|recent", message = "must be name, usage or recent")
    public String sortBy;

    ToolFilter toFilter() {
        return new ToolFilter(query == null || query.isBlank() ? null : query.trim(), category,
                tags == null ? null : Arrays.stream(tags.split(",")).map(String::trim).filter(tag -> !tag.isEmpty()).toList(),
                server, sortBy);
    }
}
