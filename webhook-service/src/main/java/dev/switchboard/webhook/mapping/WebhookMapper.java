package dev.switchboard.webhook.mapping;

import dev.switchboard.webhook.api.DeliveryStats;
import dev.switchboard.webhook.api.WebhookView;
import dev.switchboard.webhook.repository.DeliveryRepository;
import dev.switchboard.webhook.repository.SubscriptionEntity;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class WebhookMapper {

    public WebhookView toView(SubscriptionEntity entity, DeliveryRepository.Summary deliveries) {
        return new WebhookView(entity.id, entity.tenantId, entity.url, List.of(entity.eventTypes), entity.description,
                entity.enabled, entity.createdAt, entity.updatedAt, deliveries.lastDeliveryAt(),
                DeliveryStats.of(deliveries.total(), deliveries.succeeded(), deliveries.failed()));
    }
}
