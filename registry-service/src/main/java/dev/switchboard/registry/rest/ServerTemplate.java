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

    /**
     * @param secret whether the value is a credential: it then only ever goes into the process's environment, which
     *               is sealed at rest and masked in answers, never into its arguments, which are not
     */
    @RegisterForReflection
    public record EnvPlaceholder(String key, String description, boolean required, boolean secret) {
    }
}
