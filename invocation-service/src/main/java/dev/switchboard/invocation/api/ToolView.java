package dev.switchboard.invocation.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A tool of a connected server.
 *
 * @param name          the name the server gives it
 * @param qualifiedName unique across servers: {@code <server>__<tool>}, as {@code /mcp} names it
 * @param category  the server's category
 */
@RegisterForReflection
public record ToolView(String name, String qualifiedName, String title, String description, UUID serverId, String serverName,
                       String category, List<String> tags, JsonNode inputSchema, JsonNode annotations, long usageCount,
                       Instant lastUsedAt) {
}
