package dev.switchboard.invocation.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.UUID;

/** What one server offers: its tools (as the caller's key may see them), prompts and resources. */
@RegisterForReflection
public record ServerCapabilities(UUID serverId, String serverName, boolean connected, JsonNode tools, JsonNode prompts,
                                 JsonNode resources, Metadata metadata) {

    @RegisterForReflection
    public record Metadata(int toolCount, int promptCount, int resourceCount, long connectionAgeSeconds) {
    }
}
