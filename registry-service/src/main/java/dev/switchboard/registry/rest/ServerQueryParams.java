package dev.switchboard.registry.rest;

import dev.switchboard.platform.paging.PageParams;
import dev.switchboard.registry.repository.ServerFilter;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;
import java.util.Arrays;
import java.util.UUID;

/** The filters of {@code GET /api/servers}. */
public class ServerQueryParams extends PageParams {

    static final String UUID_PATTERN = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";

    @QueryParam("status")
    @Pattern(regexp = "connected|disconnected|error", message = "must be connected, disconnected or error")
    public String status;

    @QueryParam("groupId")
    @Pattern(regexp = UUID_PATTERN, message = "must be a UUID")
    public String groupId;

    /** Comma-separated; a server must carry all of them. */
    @QueryParam("tags")
    @Size(max = 500)
    public String tags;

    @QueryParam("enabled")
    @Pattern(regexp = "true|false", message = "must be true or false")
    public String enabled;

    /** Found, ignoring case, in the name or the description. */
    @QueryParam("q")
    @Size(max = 100)
    public String q;

    /** Admins only: one tenant's servers. */
    @QueryParam("tenantId")
    @Pattern(regexp = UUID_PATTERN, message = "must be a UUID")
    public String tenantId;

    @QueryParam("includeDeleted")
    @DefaultValue("false")
    @Pattern(regexp = "true|false", message = "must be true or false")
    public String includeDeleted;

    /** {@code tools} adds to each server the tools it last reported. */
    @QueryParam("include")
    @Pattern(regexp = "tools", message = "must be tools")
    public String include;

    boolean includeTools() {
        return include != null;
    }

    ServerFilter toFilter() {
        return new ServerFilter(status, groupId == null ? null : UUID.fromString(groupId),
                tags == null ? null : Arrays.stream(tags.split(",")).map(String::trim).filter(tag -> !tag.isEmpty()).toList(),
                enabled == null ? null : Boolean.valueOf(enabled), q == null || q.isBlank() ? null : q.trim(),
                tenantId == null ? null : UUID.fromString(tenantId), Boolean.parseBoolean(includeDeleted));
    }
}
