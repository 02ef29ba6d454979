package dev.switchboard.registry.service;

import dev.switchboard.model.api.FieldError;
import dev.switchboard.model.auth.NoAuth;
import dev.switchboard.model.server.CachePolicy;
import dev.switchboard.model.server.HealthCheck;
import dev.switchboard.model.server.RateLimits;
import dev.switchboard.model.server.ServerMetadata;
import dev.switchboard.model.transport.StdioTransport;
import dev.switchboard.platform.error.ApiException;
import dev.switchboard.platform.security.Caller;
import dev.switchboard.registry.rest.InstantiateRequest;
import dev.switchboard.registry.rest.ServerRequest;
import dev.switchboard.registry.rest.ServerTemplate;
import dev.switchboard.registry.rest.ServerTemplate.EnvPlaceholder;
import dev.switchboard.registry.rest.ServerView;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Makes a server from a template. A placeholder that an argument names as {@code ${KEY}} is written into that
 * argument, unless it is a secret (the catalog never asks for that); the others become the process's environment,
 * sealed and masked like every env value.
 */
@ApplicationScoped
public class TemplateService {

    private final TemplateCatalog catalog;
    private final ServerService servers;

    public TemplateService(TemplateCatalog catalog, ServerService servers) {
        this.catalog = catalog;
        this.servers = servers;
    }

    public ServerView instantiate(String templateId, InstantiateRequest request, Caller caller) {
        ServerTemplate template = catalog.get(templateId);
        requirePlaceholders(template, request.env());
        List<String> args = new ArrayList<>();
        Set<String> usedInArgs = new HashSet<>();
        for (String arg : template.args()) {
            String filled = arg;
            for (EnvPlaceholder placeholder : template.env()) {
                if (placeholder.secret()) {
                    continue;
                }
                String token = "${" + placeholder.key() + "}";
                if (filled.contains(token)) {
                    usedInArgs.add(placeholder.key());
                    filled = filled.replace(token, request.env().getOrDefault(placeholder.key(), ""));
                }
            }
            if (!filled.isEmpty()) {
                args.add(filled);
            }
        }
        Map<String, String> env = new LinkedHashMap<>(request.env());
        env.keySet().removeAll(usedInArgs);
        ServerRequest server = new ServerRequest(request.name(), template.description(), request.tenantId(),
                new StdioTransport(template.command(), args, env), new NoAuth(), HealthCheck.DEFAULT,
                RateLimits.UNLIMITED, CachePolicy.OFF, new ServerMetadata(template.category(), List.of(template.id()), null),
                request.groupId(), true);
        return servers.create(server, caller);
    }

    private static void requirePlaceholders(ServerTemplate template, Map<String, String> env) {
        Set<String> known = template.env().stream().map(EnvPlaceholder::key).collect(Collectors.toSet());
        List<FieldError> errors = new ArrayList<>();
        for (EnvPlaceholder placeholder : template.env()) {
            String value = env.get(placeholder.key());
            if (placeholder.required() && (value == null || value.isBlank())) {
                errors.add(new FieldError("env." + placeholder.key(), "is required: " + placeholder.description()));
            }
        }
        env.keySet().stream().filter(key -> !known.contains(key)).sorted()
                .forEach(key -> errors.add(new FieldError("env." + key, "is not a placeholder of template " + template.id())));
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
    }
}
