package dev.switchboard.invocation.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a connected server offers, as it listed it last. Each item keeps the server's own definition whole, fields
 * this version of Switchboard does not know included, so that it can be passed on to MCP clients unchanged.
 */
public record Catalog(List<Tool> tools, List<Prompt> prompts, List<Resource> resources,
                      List<ResourceTemplate> resourceTemplates) {

    public static final Catalog EMPTY = new Catalog(List.of(), List.of(), List.of(), List.of());

    public Catalog {
        tools = List.copyOf(tools);
        prompts = List.copyOf(prompts);
        resources = List.copyOf(resources);
        resourceTemplates = List.copyOf(resourceTemplates);
    }

    public Catalog withTools(List<Tool> changed) {
        return new Catalog(changed, prompts, resources, resourceTemplates);
    }

    public Catalog withPrompts(List<Prompt> changed) {
        return new Catalog(tools, changed, resources, resourceTemplates);
    }

    public Catalog withResources(List<Resource> changed, List<ResourceTemplate> templates) {
        return new Catalog(tools, prompts, changed, templates);
    }

    /** The tool of this name, if the server offers one. */
    public Optional<Tool> tool(String name) {
        for (Tool tool : tools) {
            if (tool.name().equals(name)) {
                return Optional.of(tool);
            }
        }
        return Optional.empty();
    }

    /**
     * A tool, as {@code tools/list} described it. It also holds whatever a caller derived once from its definition,
     * such as the compiled input schema, so that calls need not derive it again; two tools are the same tool only
     * when they are the same listing.
     */
    public static final class Tool {

        private final String name;
        private final String title;
        private final String description;
        private final ObjectNode definition;
        private volatile Object derived;

        private Tool(String name, String title, String description, ObjectNode definition) {
            this.name = name;
            this.title = title;
            this.description = description;
            this.definition = definition;
        }

        static Tool of(ObjectNode definition) {
            return new Tool(definition.path("name").asText(), text(definition, "title"), text(definition, "description"),
                    definition);
        }

        public String name() {
            return name;
        }

        public String title() {
            return title;
        }

        public String description() {
            return description;
        }

        public ObjectNode definition() {
            return definition;
        }

        /** Its {@code inputSchema}, or null when it declares none. */
        public JsonNode inputSchema() {
            JsonNode schema = definition.get("inputSchema");
            return schema == null || !schema.isObject() ? null : schema;
        }

        public JsonNode annotations() {
            JsonNode annotations = definition.get("annotations");
            return annotations == null || !annotations.isObject() ? null : annotations;
        }

        /** Whether the server says that calling it changes nothing ({@code readOnlyHint}). */
        public boolean readOnly() {
            JsonNode annotations = annotations();
            return annotations != null && annotations.path("readOnlyHint").asBoolean(false);
        }

        /** What {@code derive} makes of this tool, made once. */
        @SuppressWarnings("unchecked")
        public <T> T derived(Function<Tool, T> derive) {
            Object known = derived;
            if (known == null) {
                known = derive.apply(this);
                derived = known;
            }
            return (T) known;
        }
    }

    /** A prompt, as {@code prompts/list} described it. */
    public record Prompt(String name, String description, ObjectNode definition) {

        static Prompt of(ObjectNode definition) {
            return new Prompt(definition.path("name").asText(), text(definition, "description"), definition);
        }
    }

    /** A resource, as {@code resources/list} described it. */
    public record Resource(String uri, String name, ObjectNode definition) {

        static Resource of(ObjectNode definition) {
            return new Resource(definition.path("uri").asText(), text(definition, "name"), definition);
        }
    }

    /** A resource template, as {@code resources/templates/list} described it. */
    public record ResourceTemplate(String uriTemplate, String name, ObjectNode definition) {

        static ResourceTemplate of(ObjectNode definition) {
            return new ResourceTemplate(definition.path("uriTemplate").asText(), text(definition, "name"), definition);
        }
    }

    private static String text(ObjectNode definition, String field) {
        JsonNode value = definition.get(field);
        return value == null || !value.isTextual() ? null : value.asText();
    }
}
