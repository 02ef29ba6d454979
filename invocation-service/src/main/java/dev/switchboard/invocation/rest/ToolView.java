package dev.switchboard.invocation.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A tool of a connected server.
 *
 * @param name      unique across servers: {@code <server>__<tool>}
 * @param toolName  the name the server gives it
 * @param category  the server's category
 */
@RegisterForReflection
public record ToolView(String name, String toolName, String title, String description, UUID serverId, String serverName,
                       String category, List<String> tags, JsonNode inputSchema, JsonNode annotations, long usageCount,
                       Instant lastUsedAt) {
}
