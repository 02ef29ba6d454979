package dev.switchboard.invocation.mcp;

import io.modelcontextprotocol.spec.McpSchema;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The MCP SDK reads and writes its protocol records with Jackson by reflection; a native image keeps them, with
 * every nested record of {@link McpSchema}, only when told to.
 */
@RegisterForReflection(targets = McpSchema.class, ignoreNested = false, registerFullHierarchy = true)
public final class McpReflection {

    private McpReflection() {
    }
}
