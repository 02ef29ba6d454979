package dev.switchboard.registry.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.switchboard.model.auth.UpstreamAuth;
import dev.switchboard.model.server.CachePolicy;
import dev.switchboard.model.server.HealthCheck;
import dev.switchboard.model.server.RateLimits;
import dev.switchboard.model.server.ServerDefinition;
import dev.switchboard.model.server.ServerMetadata;
import dev.switchboard.model.transport.TransportConfig;
import dev.switchboard.platform.security.ToolPatterns;
import dev.switchboard.registry.api.ServerRequest;
import dev.switchboard.registry.api.ServerView;
import dev.switchboard.registry.mapping.ServerSecrets.Part;
import dev.switchboard.registry.repository.ServerEntity;
import dev.switchboard.registry.repository.ServerStatusEntity;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.UncheckedIOException;
import java.util.List;

/** Between a stored server and its API forms. Only {@link #toOpenDefinition} lets a secret out, for the service role. */
@ApplicationScoped
public class ServerMapper {

    private static final String NEVER_REPORTED = "disconnected";

    private final ObjectMapper json;
    private final ServerSecrets secrets;

    public ServerMapper(ObjectMapper json, ServerSecrets secrets) {
        this.json = json;
        this.secrets = secrets;
    }

    /** The form every server event carries: secrets masked, no connection state. */
    public ServerDefinition toDefinition(ServerEntity entity) {
        return definition(entity, true);
    }

    /** The full configuration with secrets in clear, for {@code /internal/servers} only. */
    public ServerDefinition toOpenDefinition(ServerEntity entity) {
        return definition(entity, false);
    }

    /** @param status what the invocation service last reported, or {@code null} */
    public ServerView toView(ServerEntity entity, ServerStatusEntity status, boolean withTools) {
        return toView(entity, status, withTools, List.of());
    }

    /**
     * @param toolPatterns the caller's key's patterns: only the tools they allow are listed and counted, so that a
     *                     limited key learns nothing of the others
     */
    public ServerView toView(ServerEntity entity, ServerStatusEntity status, boolean withTools, List<String> toolPatterns) {
        boolean narrowed = !toolPatterns.isEmpty() && status != null && status.tools != null;
        JsonNode allowed = withTools || narrowed ? allowedTools(entity.name, status, toolPatterns) : null;
        return new ServerView(entity.id, entity.tenantId, entity.name, entity.description,
                read(secrets.mask(Part.TRANSPORT, tree(entity.transport)), TransportConfig.class),
                read(secrets.mask(Part.AUTH, tree(entity.auth)), UpstreamAuth.class),
                read(tree(entity.healthCheck), HealthCheck.class), read(tree(entity.rateLimits), RateLimits.class),
                read(tree(entity.cache), CachePolicy.class), metadata(entity), entity.groupId, entity.enabled,
                status == null ? NEVER_REPORTED : status.status,
                status == null ? 0 : narrowed ? allowed.size() : status.toolCount,
                status == null ? 0 : status.promptCount,
                status == null ? 0 : status.resourceCount,
                status == null ? null : status.statusAt,
                status == null ? null : status.lastError,
                withTools ? allowed : null,
                entity.createdAt, entity.updatedAt, entity.deletedAt);
    }

    private JsonNode allowedTools(String serverName, ServerStatusEntity status, List<String> toolPatterns) {
        ArrayNode allowed = json.createArrayNode();
        if (status != null && status.tools != null) {
            tree(status.tools).forEach(tool -> {
                if (ToolPatterns.allows(toolPatterns, serverName, tool.path("name").asText())) {
                    allowed.add(tool);
                }
            });
        }
        return allowed;
    }

    /** The server as a request, secrets masked: what PUT would have to send to change nothing, and what PATCH merges onto. */
    public ServerRequest toRequest(ServerEntity entity) {
        ServerDefinition definition = toDefinition(entity);
        return new ServerRequest(definition.name(), definition.description(), definition.tenantId(),
                definition.transport(), definition.auth(), definition.healthCheck(), definition.rateLimits(),
                definition.cache(), definition.metadata(), definition.groupId(), definition.enabled());
    }

    /** Copies what a client may set; {@code transport} and {@code auth} must be sealed already. */
    public void apply(ServerRequest request, JsonNode sealedTransport, JsonNode sealedAuth, ServerEntity entity) {
        entity.name = request.name();
        entity.description = request.description();
        entity.transport = sealedTransport.toString();
        entity.auth = sealedAuth.toString();
        entity.healthCheck = json.valueToTree(request.healthCheck()).toString();
        entity.rateLimits = json.valueToTree(request.rateLimits()).toString();
        entity.cache = json.valueToTree(request.cache()).toString();
        entity.category = request.metadata().category();
        entity.tags = request.metadata().tags().toArray(String[]::new);
        entity.version = request.metadata().version();
        entity.groupId = request.groupId();
        entity.enabled = request.enabled();
    }

    public JsonNode tree(Object value) {
        if (value instanceof String text) {
            try {
                return json.readTree(text);
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException("A stored server document is not JSON", e);
            }
        }
        return json.valueToTree(value);
    }

    private ServerDefinition definition(ServerEntity entity, boolean masked) {
        JsonNode transport = tree(entity.transport);
        JsonNode auth = tree(entity.auth);
        return new ServerDefinition(entity.id, entity.tenantId, entity.name, entity.description,
                read(masked ? secrets.mask(Part.TRANSPORT, transport) : secrets.open(Part.TRANSPORT, transport),
                        TransportConfig.class),
                read(masked ? secrets.mask(Part.AUTH, auth) : secrets.open(Part.AUTH, auth), UpstreamAuth.class),
                read(tree(entity.healthCheck), HealthCheck.class), read(tree(entity.rateLimits), RateLimits.class),
                read(tree(entity.cache), CachePolicy.class), metadata(entity), entity.groupId, entity.enabled,
                entity.updatedAt);
    }

    private static ServerMetadata metadata(ServerEntity entity) {
        return new ServerMetadata(entity.category, List.of(entity.tags), entity.version);
    }

    private <T> T read(JsonNode node, Class<T> type) {
        try {
            return json.treeToValue(node, type);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("A stored server document does not match " + type.getSimpleName(), e);
        }
    }
}
