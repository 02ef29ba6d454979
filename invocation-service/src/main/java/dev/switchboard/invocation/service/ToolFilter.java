package dev.switchboard.invocation.service;

import java.util.List;

/**
 * @param query  found, ignoring case, in the tool's name or description
 * @param server a server's id or name
 * @param tags   tools of servers that carry all of these
 * @param sort   {@code name}, {@code usage} (most used first) or {@code recent} (last used first)
 */
public record ToolFilter(String query, String category, List<String> tags, String server, String sort) {

    public ToolFilter {
        tags = tags == null ? List.of() : List.copyOf(tags);
        sort = sort == null ? "name" : sort;
    }
}
