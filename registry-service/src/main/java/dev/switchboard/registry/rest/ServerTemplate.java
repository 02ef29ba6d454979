package dev.switchboard.registry.rest;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * A well-known MCP server, ready to instantiate: its stdio command and arguments, and the environment it needs.
 * Arguments may name a placeholder as {@code ${KEY}}.
 */
@RegisterForReflection
public record ServerTemplate(
        String id,
        String name,
        String category,
        String description,
        String command,
        List<String> args,
        List<EnvPlaceholder> env) {

    @RegisterForReflection
    public record EnvPlaceholder(String key, String description, boolean required) {
    }
}
