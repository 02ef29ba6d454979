package dev.switchboard.model.event;

import dev.switchboard.model.registry.ApiKeyView;
import dev.switchboard.model.registry.GroupView;
import dev.switchboard.model.registry.TenantView;
import dev.switchboard.model.server.ServerDefinition;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every event type of DESIGN §3 with the topic that carries it and the record its {@code data} is. Types are past
 * tense and dotted; webhook subscriptions and SSE filters use the same names. New types may be added; existing ones
 * are never renamed. {@code docs/asyncapi.json} describes them all, generated from these records.
 */
public enum EventType {

    SERVER_CREATED("server.created", Topics.REGISTRY, ServerDefinition.class),
    SERVER_UPDATED("server.updated", Topics.REGISTRY, ServerDefinition.class),
    SERVER_DELETED("server.deleted", Topics.REGISTRY, ServerDefinition.class),
    SERVER_RESTORED("server.restored", Topics.REGISTRY, ServerDefinition.class),
    SERVER_ENABLED("server.enabled", Topics.REGISTRY, ServerDefinition.class),
    SERVER_DISABLED("server.disabled", Topics.REGISTRY, ServerDefinition.class),
    GROUP_CREATED("group.created", Topics.REGISTRY, GroupView.class),
    GROUP_UPDATED("group.updated", Topics.REGISTRY, GroupView.class),
    GROUP_DELETED("group.deleted", Topics.REGISTRY, GroupView.class),
    TENANT_CREATED("tenant.created", Topics.REGISTRY, TenantView.class),
    TENANT_UPDATED("tenant.updated", Topics.REGISTRY, TenantView.class),
    TENANT_DELETED("tenant.deleted", Topics.REGISTRY, TenantView.class),
    API_KEY_CREATED("api_key.created", Topics.REGISTRY, ApiKeyView.class),
    API_KEY_REVOKED("api_key.revoked", Topics.REGISTRY, ApiKeyView.class),

    SERVER_CONNECTED("server.connected", Topics.CONNECTIONS, ServerConnected.class),
    SERVER_DISCONNECTED("server.disconnected", Topics.CONNECTIONS, ServerDisconnected.class),
    SERVER_ERROR("server.error", Topics.CONNECTIONS, ServerError.class),
    CIRCUIT_OPENED("circuit.opened", Topics.CONNECTIONS, CircuitChanged.class),
    CIRCUIT_CLOSED("circuit.closed", Topics.CONNECTIONS, CircuitChanged.class),
    CATALOG_CHANGED("catalog.changed", Topics.CONNECTIONS, CatalogChanged.class),

    TOOL_INVOKED("tool.invoked", Topics.INVOCATIONS, ToolInvoked.class),
    TOOL_ERROR("tool.error", Topics.INVOCATIONS, ToolInvoked.class),

    WEBHOOK_CREATED("webhook.created", Topics.WEBHOOKS, WebhookSnapshot.class),
    WEBHOOK_UPDATED("webhook.updated", Topics.WEBHOOKS, WebhookSnapshot.class),
    WEBHOOK_DELETED("webhook.deleted", Topics.WEBHOOKS, WebhookSnapshot.class),
    WEBHOOK_DISABLED("webhook.disabled", Topics.WEBHOOKS, WebhookDisabled.class),
    WEBHOOK_DELIVERY_FAILED("webhook.delivery.failed", Topics.WEBHOOKS, WebhookDeliveryFailed.class);

    private static final Map<String, EventType> BY_NAME =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(EventType::typeName, Function.identity()));

    private final String typeName;
    private final String topic;
    private final Class<? extends Record> dataType;

    EventType(String typeName, String topic, Class<? extends Record> dataType) {
        this.typeName = typeName;
        this.topic = topic;
        this.dataType = dataType;
    }

    /** The record that the event's {@code data} holds: producers write it, consumers read it. */
    public Class<? extends Record> dataType() {
        return dataType;
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
