package dev.switchboard.webhook.mapping;

import dev.switchboard.webhook.repository.SubscriptionEntity;
import dev.switchboard.webhook.rest.WebhookView;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class WebhookMapper {

    public WebhookView toView(SubscriptionEntity entity) {
        return new WebhookView(entity.id, entity.tenantId, entity.url, List.of(entity.eventTypes), entity.description,
                entity.enabled, entity.createdAt, entity.updatedAt);
    }
}
