package dev.switchboard.registry.service;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.platform.error.ApiException;
import dev.switchboard.registry.api.ServerTemplate;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** The built-in catalog of well-known MCP servers, read once from {@code templates/catalog.json}. */
@ApplicationScoped
public class TemplateCatalog {

    static final String RESOURCE = "templates/catalog.json";

    private final List<ServerTemplate> templates;

    public TemplateCatalog(ObjectMapper json) {
        try (InputStream catalog = Thread.currentThread().getContextClassLoader().getResourceAsStream(RESOURCE)) {
            if (catalog == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the build");
            }
            templates = json.readValue(catalog, new TypeReference<List<ServerTemplate>>() { }).stream()
                    .peek(TemplateCatalog::requireSecretsOutOfArguments)
                    .sorted(Comparator.comparing(ServerTemplate::name)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + RESOURCE, e);
        }
    }

    /** Arguments and URLs are stored, answered and shown in the process list in clear; a credential there would leak. */
    static void requireSecretsOutOfArguments(ServerTemplate template) {
        List<String> clear = new ArrayList<>(template.args());
        if (template.url() != null) {
            clear.add(template.url());
        }
        template.envPlaceholders().stream().filter(ServerTemplate.EnvPlaceholder::secret)
                .filter(secret -> clear.stream().anyMatch(text -> text.contains("${" + secret.key() + "}")))
                .findFirst().ifPresent(secret -> {
                    throw new IllegalStateException("Template " + template.id() + " puts the secret " + secret.key()
                            + " into an argument or its URL; secrets go into env or auth only");
                });
    }

    /** @param search matched, ignoring case, against the name, id and description */
    public List<ServerTemplate> find(String category, String search) {
        String needle = search == null ? null : search.toLowerCase(Locale.ROOT);
        return templates.stream()
                .filter(template -> category == null || template.category().equalsIgnoreCase(category))
                .filter(template -> needle == null || (template.name() + " " + template.id() + " "
                        + template.description()).toLowerCase(Locale.ROOT).contains(needle))
                .toList();
    }

    public ServerTemplate get(String id) {
        return templates.stream().filter(template -> template.id().equals(id)).findFirst()
                .orElseThrow(() -> ApiException.notFound("template", id));
    }
}
