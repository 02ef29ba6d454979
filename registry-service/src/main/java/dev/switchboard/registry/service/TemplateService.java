package dev.switchboard.registry.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.model.api.FieldError;
import dev.switchboard.model.auth.NoAuth;
import dev.switchboard.model.auth.UpstreamAuth;
import dev.switchboard.model.server.CachePolicy;
import dev.switchboard.model.server.HealthCheck;
import dev.switchboard.model.server.RateLimits;
import dev.switchboard.model.server.ServerMetadata;
import dev.switchboard.model.transport.SseTransport;
import dev.switchboard.model.transport.StdioTransport;
import dev.switchboard.model.transport.StreamableHttpTransport;
import dev.switchboard.model.transport.TransportConfig;
import dev.switchboard.model.transport.WebSocketTransport;
import dev.switchboard.platform.error.ApiException;
import dev.switchboard.platform.security.Caller;
import dev.switchboard.registry.api.InstantiateRequest;
import dev.switchboard.registry.api.ServerRequest;
import dev.switchboard.registry.api.ServerTemplate.EnvPlaceholder;
import dev.switchboard.registry.api.ServerTemplate;
import dev.switchboard.registry.api.ServerView;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Makes a server from a template. A stdio template's placeholder that an argument names as {@code ${KEY}} is written
 * into that argument, unless it is a secret (the catalog never asks for that); the others become the process's
 * environment, sealed and masked like every env value. A remote template's placeholders fill its URL and its auth;
 * an auth whose placeholders were not all given is left out, so that an optional credential stays optional. Who may
 * create the server is the servers' rule: stdio servers take an admin, remote ones a manager in their own tenant.
 */
@ApplicationScoped
public class TemplateService {

    private final TemplateCatalog catalog;
    private final ServerService servers;
    private final ObjectMapper json;

    public TemplateService(TemplateCatalog catalog, ServerService servers, ObjectMapper json) {
        this.catalog = catalog;
        this.servers = servers;
        this.json = json;
    }

    public ServerView instantiate(String templateId, InstantiateRequest request, Caller caller) {
        ServerTemplate template = catalog.get(templateId);
        requirePlaceholders(template, request.env());
        ServerRequest server = new ServerRequest(request.name(), template.description(), request.tenantId(),
                transport(template, request.env()), template.isStdio() ? new NoAuth() : auth(template, request.env()),
                HealthCheck.DEFAULT, RateLimits.UNLIMITED, CachePolicy.OFF,
                new ServerMetadata(template.category(), List.of(template.id()), null), request.groupId(), true);
        return servers.create(server, caller);
    }

    private static TransportConfig transport(ServerTemplate template, Map<String, String> values) {
        return switch (template.transport()) {
            case StdioTransport.TYPE -> stdio(template, values);
            case StreamableHttpTransport.TYPE -> new StreamableHttpTransport(fill(template.url(), template, values), Map.of());
            case SseTransport.TYPE -> new SseTransport(fill(template.url(), template, values), Map.of());
            case WebSocketTransport.TYPE -> new WebSocketTransport(fill(template.url(), template, values), Map.of(), null, null);
            default -> throw new IllegalStateException("Template " + template.id() + " has transport " + template.transport());
        };
    }

    private static StdioTransport stdio(ServerTemplate template, Map<String, String> values) {
        List<String> args = new ArrayList<>();
        Set<String> usedInArgs = new HashSet<>();
        for (String arg : template.args()) {
            template.envPlaceholders().stream().filter(placeholder -> !placeholder.secret())
                    .filter(placeholder -> arg.contains(token(placeholder))).forEach(placeholder -> usedInArgs.add(placeholder.key()));
            String filled = fill(arg, template, values);
            if (!filled.isEmpty()) {
                args.add(filled);
            }
        }
        Map<String, String> env = new LinkedHashMap<>(values);
        env.keySet().removeAll(usedInArgs);
        return new StdioTransport(template.command(), args, env);
    }

    /** Writes the non-secret placeholders' values into a text that is stored and shown in clear. */
    private static String fill(String text, ServerTemplate template, Map<String, String> values) {
        String filled = text;
        for (EnvPlaceholder placeholder : template.envPlaceholders()) {
            if (!placeholder.secret()) {
                filled = filled.replace(token(placeholder), values.getOrDefault(placeholder.key(), ""));
            }
        }
        return filled;
    }

    private UpstreamAuth auth(ServerTemplate template, Map<String, String> values) {
        if (template.auth() == null) {
            return new NoAuth();
        }
        ObjectNode auth = template.auth().deepCopy();
        for (var field : auth.properties()) {
            if (field.getValue().isTextual()) {
                String value = field.getValue().asText();
                for (EnvPlaceholder placeholder : template.envPlaceholders()) {
                    if (value.contains(token(placeholder))) {
                        String given = values.get(placeholder.key());
                        if (given == null || given.isBlank()) {
                            return new NoAuth();
                        }
                        value = value.replace(token(placeholder), given);
                    }
                }
                field.setValue(auth.textNode(value));
            }
        }
        try {
            return json.treeToValue(auth, UpstreamAuth.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Template " + template.id() + " has an auth that is not a server's auth", e);
        }
    }

    private static String token(EnvPlaceholder placeholder) {
        return "${" + placeholder.key() + "}";
    }

    private static void requirePlaceholders(ServerTemplate template, Map<String, String> env) {
        Set<String> known = template.envPlaceholders().stream().map(EnvPlaceholder::key).collect(Collectors.toSet());
        List<FieldError> errors = new ArrayList<>();
        for (EnvPlaceholder placeholder : template.envPlaceholders()) {
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
