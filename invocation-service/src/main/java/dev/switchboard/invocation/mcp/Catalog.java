package dev.switchboard.invocation.mcp;

import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;

/** What a connected server offers, as it listed it last. */
public record Catalog(List<McpSchema.Tool> tools, List<McpSchema.Prompt> prompts, List<McpSchema.Resource> resources,
                      List<McpSchema.ResourceTemplate> resourceTemplates) {

    public static final Catalog EMPTY = new Catalog(List.of(), List.of(), List.of(), List.of());

    public Catalog {
        tools = List.copyOf(tools);
        prompts = List.copyOf(prompts);
        resources = List.copyOf(resources);
        resourceTemplates = List.copyOf(resourceTemplates);
    }

    public Catalog withTools(List<McpSchema.Tool> changed) {
        return new Catalog(changed, prompts, resources, resourceTemplates);
    }

    public Catalog withPrompts(List<McpSchema.Prompt> changed) {
        return new Catalog(tools, changed, resources, resourceTemplates);
    }

    public Catalog withResources(List<McpSchema.Resource> changed) {
        return new Catalog(tools, prompts, changed, resourceTemplates);
    }
}
