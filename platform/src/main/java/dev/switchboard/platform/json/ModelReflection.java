package dev.switchboard.platform.json;

import dev.switchboard.model.api.ApiResponse;
import dev.switchboard.model.api.FieldError;
import dev.switchboard.model.api.PageResult;
import dev.switchboard.model.api.Problem;
import dev.switchboard.model.auth.ApiKeyAuth;
import dev.switchboard.model.auth.BearerAuth;
import dev.switchboard.model.auth.NoAuth;
import dev.switchboard.model.auth.OAuth2Auth;
import dev.switchboard.model.event.CatalogChanged;
import dev.switchboard.model.event.CircuitChanged;
import dev.switchboard.model.event.EventEnvelope;
import dev.switchboard.model.event.ServerConnected;
import dev.switchboard.model.event.ServerDisconnected;
import dev.switchboard.model.event.ServerError;
import dev.switchboard.model.event.ToolInvoked;
import dev.switchboard.model.event.WebhookDeliveryFailed;
import dev.switchboard.model.event.WebhookDisabled;
import dev.switchboard.model.event.WebhookSnapshot;
import dev.switchboard.model.registry.ApiKeyView;
import dev.switchboard.model.registry.GroupView;
import dev.switchboard.model.registry.TenantSettings;
import dev.switchboard.model.registry.TenantView;
import dev.switchboard.model.server.CachePolicy;
import dev.switchboard.model.server.HealthCheck;
import dev.switchboard.model.server.RateLimits;
import dev.switchboard.model.server.ServerDefinition;
import dev.switchboard.model.server.ServerMetadata;
import dev.switchboard.model.transport.HeartbeatPolicy;
import dev.switchboard.model.transport.ReconnectPolicy;
import dev.switchboard.model.transport.SseTransport;
import dev.switchboard.model.transport.StdioTransport;
import dev.switchboard.model.transport.StreamableHttpTransport;
import dev.switchboard.model.transport.WebSocketTransport;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The shared model is serialised by our own code (the event codec, the problem mapping, Kafka payloads), not only
 * as REST return types, so a native image must be told to keep it reflectively accessible.
 */
@RegisterForReflection(targets = {
        EventEnvelope.class, Problem.class, FieldError.class, ApiResponse.class, PageResult.class,
        StdioTransport.class, SseTransport.class, StreamableHttpTransport.class, WebSocketTransport.class,
        ReconnectPolicy.class, HeartbeatPolicy.class,
        NoAuth.class, ApiKeyAuth.class, BearerAuth.class, OAuth2Auth.class,
        ServerDefinition.class, HealthCheck.class, RateLimits.class, CachePolicy.class, ServerMetadata.class,
        WebhookSnapshot.class, WebhookDisabled.class, WebhookDeliveryFailed.class,
        ToolInvoked.class, ServerConnected.class, ServerDisconnected.class, ServerError.class, CircuitChanged.class,
        CatalogChanged.class, CatalogChanged.Tool.class,
        TenantView.class, TenantSettings.class, GroupView.class, ApiKeyView.class})
public final class ModelReflection {

    private ModelReflection() {
    }
}
