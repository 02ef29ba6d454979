package dev.switchboard.model.event;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every event type of DESIGN §3 with the topic that carries it. Types are past tense and dotted; webhook
 * subscriptions and SSE filters use the same names. New types may be added; existing ones are never renamed.
 */
public enum EventType {

    SERVER_CREATED("server.created", Topics.REGISTRY),
    SERVER_UPDATED("server.updated", Topics.REGISTRY),
    SERVER_DELETED("server.deleted", Topics.REGISTRY),
    SERVER_RESTORED("server.restored", Topics.REGISTRY),
    SERVER_ENABLED("server.enabled", Topics.REGISTRY),
    SERVER_DISABLED("server.disabled", Topics.REGISTRY),
    GROUP_CREATED("group.created", Topics.REGISTRY),
    GROUP_UPDATED("group.updated", Topics.REGISTRY),
    GROUP_DELETED("group.deleted", Topics.REGISTRY),
    TENANT_CREATED("tenant.created", Topics.REGISTRY),
    TENANT_UPDATED("tenant.updated", Topics.REGISTRY),
    TENANT_DELETED("tenant.deleted", Topics.REGISTRY),
    API_KEY_CREATED("api_key.created", Topics.REGISTRY),
    API_KEY_REVOKED("api_key.revoked", Topics.REGISTRY),

    SERVER_CONNECTED("server.connected", Topics.CONNECTIONS),
    SERVER_DISCONNECTED("server.disconnected", Topics.CONNECTIONS),
    SERVER_ERROR("server.error", Topics.CONNECTIONS),
    CIRCUIT_OPENED("circuit.opened", Topics.CONNECTIONS),
    CIRCUIT_CLOSED("circuit.closed", Topics.CONNECTIONS),
    CATALOG_CHANGED("catalog.changed", Topics.CONNECTIONS),

    TOOL_INVOKED("tool.invoked", Topics.INVOCATIONS),
    TOOL_ERROR("tool.error", Topics.INVOCATIONS),

    WEBHOOK_CREATED("webhook.created", Topics.WEBHOOKS),
    WEBHOOK_UPDATED("webhook.updated", Topics.WEBHOOKS),
    WEBHOOK_DELETED("webhook.deleted", Topics.WEBHOOKS),
    WEBHOOK_DISABLED("webhook.disabled", Topics.WEBHOOKS),
    WEBHOOK_DELIVERY_FAILED("webhook.delivery.failed", Topics.WEBHOOKS);

    private static final Map<String, EventType> BY_NAME =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(EventType::typeName, Function.identity()));

    private final String typeName;
    private final String topic;

    EventType(String typeName, String topic) {
        this.typeName = typeName;
        this.topic = topic;
    }

    /** The dotted name that travels in the envelope's {@code type}, such as {@code server.created}. */
    public String typeName() {
        return typeName;
    }

    public String topic() {
        return topic;
    }

    /**
     * Whether {@code typeName} matches a subscription or stream filter: an exact name, a prefix such as
     * {@code server.*}, or {@code *} for everything.
     */
    public static boolean matches(String pattern, String typeName) {
        if (pattern.equals("*")) {
            return true;
        }
        return pattern.endsWith(".*") ? typeName.startsWith(pattern.substring(0, pattern.length() - 1))
                : pattern.equals(typeName);
    }

    public static Optional<EventType> fromTypeName(String typeName) {
        return Optional.ofNullable(typeName).map(BY_NAME::get);
    }
}
