package dev.switchboard.registry.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * A well-known MCP server, ready to instantiate, in the shape of the references' templates. A stdio template runs
 * {@code command} with {@code args}; a template of any other transport connects to {@code url}, authenticating as
 * {@code auth} says. Arguments, the URL and the auth's values may name a placeholder as {@code ${KEY}}.
 *
 * @param transport  {@code stdio}, {@code http}, {@code sse} or {@code websocket}, as a server's transport type
 * @param auth       for a remote server, its auth as a server takes it, with placeholders for the credentials
 * @param npmPackage the npm package a stdio template runs, when it runs one
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ServerTemplate(
        String id,
        String name,
        String description,
        String icon,
        String category,
        String transport,
        String command,
        List<String> args,
        String url,
        JsonNode auth,
        List<EnvPlaceholder> envPlaceholders,
        String documentation,
        String npmPackage) {

    public ServerTemplate {
        args = args == null ? List.of() : List.copyOf(args);
        envPlaceholders = envPlaceholders == null ? List.of() : List.copyOf(envPlaceholders);
    }

    public boolean isStdio() {
        return "stdio".equals(transport);
    }

    /**
     * @param secret whether the value is a credential: it then only ever goes into a stdio process's environment or
     *               a remote server's auth, which are sealed at rest and masked in answers, never into arguments or
     *               URLs, which are not
     */
    @RegisterForReflection
    public record EnvPlaceholder(String key, String description, boolean required, boolean secret) {
    }
}
