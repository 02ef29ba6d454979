package dev.switchboard.webhook.service;

import dev.switchboard.model.api.FieldError;
import dev.switchboard.model.api.PageResult;
import dev.switchboard.platform.crypto.SecretCipher;
import dev.switchboard.platform.error.ApiException;
import dev.switchboard.platform.net.OutboundUrlPolicy;
import dev.switchboard.platform.security.Caller;
import dev.switchboard.webhook.mapping.WebhookMapper;
import dev.switchboard.webhook.repository.DeliveryRepository;
import dev.switchboard.webhook.repository.SubscriptionEntity;
import dev.switchboard.webhook.repository.SubscriptionRepository;
import dev.switchboard.webhook.rest.CreateWebhookRequest;
import dev.switchboard.webhook.rest.CreatedWebhook;
import dev.switchboard.webhook.rest.DeliveryView;
import dev.switchboard.webhook.rest.WebhookView;
import io.quarkus.panache.common.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Subscriptions within the caller's tenant; an admin's may span every tenant. */
@ApplicationScoped
public class SubscriptionService {

    private static final Set<String> HTTP_SCHEMES = Set.of("http", "https");

    private final SubscriptionRepository repository;
    private final WebhookMapper mapper;
    private final OutboundUrlPolicy urls;
    private final SecretCipher cipher;
    private final SecureRandom random = new SecureRandom();

    private final DeliveryRepository deliveries;

    public SubscriptionService(SubscriptionRepository repository, WebhookMapper mapper, OutboundUrlPolicy urls,
                               SecretCipher cipher, DeliveryRepository deliveries) {
        this.deliveries = deliveries;
        this.repository = repository;
        this.mapper = mapper;
        this.urls = urls;
        this.cipher = cipher;
    }

    @Transactional
    public CreatedWebhook create(CreateWebhookRequest request, Caller caller) {
        urls.check("url", request.url(), HTTP_SCHEMES);
        List<FieldError> unknown = new ArrayList<>();
        for (int i = 0; i < request.events().size(); i++) {
            if (!EventTypePatterns.isUseful(request.events().get(i))) {
                unknown.add(new FieldError("events[" + i + "]", "matches no event type"));
            }
        }
        if (!unknown.isEmpty()) {
            throw ApiException.invalid(unknown);
        }
        if (!caller.isAdmin() && request.tenantId() != null && !request.tenantId().equals(caller.tenantId())) {
            throw ApiException.forbidden("a manager subscribes for its own tenant only");
        }
        String secret = WebhookSignature.SECRET_PREFIX + Base64.getEncoder().encodeToString(randomBytes());
        Instant now = Instant.now();
        SubscriptionEntity entity = new SubscriptionEntity();
        entity.id = UUID.randomUUID();
        entity.tenantId = caller.isAdmin() ? request.tenantId() : caller.tenantId();
        entity.url = request.url();
        entity.eventTypes = request.events().toArray(String[]::new);
        entity.description = request.description();
        entity.secretSealed = cipher.seal(secret);
        entity.enabled = true;
        entity.createdBy = caller.keyId();
        entity.createdAt = now;
        entity.updatedAt = now;
        repository.persist(entity);
        return new CreatedWebhook(mapper.toView(entity, DeliveryRepository.Summary.NONE), secret);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public PageResult<WebhookView> list(int limit, int offset, Caller caller) {
        var query = repository.visibleTo(caller.tenantScope());
        List<SubscriptionEntity> page = query.range(offset, offset + limit - 1).list();
        Map<UUID, DeliveryRepository.Summary> summaries = deliveries.summaries(page.stream().map(found -> found.id).toList());
        List<WebhookView> items = page.stream()
                .map(found -> mapper.toView(found, summaries.getOrDefault(found.id, DeliveryRepository.Summary.NONE))).toList();
        return new PageResult<>(items, query.count(), limit, offset);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public WebhookView get(UUID id, Caller caller) {
        SubscriptionEntity found = visible(id, caller);
        return mapper.toView(found, deliveries.summaries(List.of(id)).getOrDefault(id, DeliveryRepository.Summary.NONE));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public PageResult<DeliveryView> deliveries(UUID id, DeliveryRepository.Filter filter, int limit, int offset,
                                               Caller caller) {
        visible(id, caller);
        DeliveryRepository.Page page = deliveries.page(id, filter, limit, offset);
        return new PageResult<>(page.items(), page.total(), limit, offset);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public DeliveryView delivery(UUID id, UUID deliveryId, Caller caller) {
        visible(id, caller);
        return deliveries.find(id, deliveryId).orElseThrow(() -> ApiException.notFound("delivery", deliveryId));
    }

    /** Sends one delivery again, from the start of the retry schedule, whatever became of it. */
    @Transactional
    public DeliveryView redeliver(UUID id, UUID deliveryId, Caller caller) {
        visible(id, caller);
        if (deliveries.resend(id, Optional.of(deliveryId), null, Instant.now()) == 0) {
            throw ApiException.notFound("delivery", deliveryId);
        }
        return deliveries.find(id, deliveryId).orElseThrow(() -> ApiException.notFound("delivery", deliveryId));
    }

    /** Sends again every delivery of the subscription that failed, among those created since {@code since}. */
    @Transactional
    public int replay(UUID id, Instant since, Caller caller) {
        visible(id, caller);
        return deliveries.resend(id, Optional.empty(), since, Instant.now());
    }

    private SubscriptionEntity visible(UUID id, Caller caller) {
        return repository.findVisible(id, caller.tenantScope()).orElseThrow(() -> ApiException.notFound("webhook", id));
    }

    @Transactional
    public void delete(UUID id, Caller caller) {
        SubscriptionEntity entity = repository.findVisible(id, caller.tenantScope())
                .orElseThrow(() -> ApiException.notFound("webhook", id));
        repository.delete(entity);
    }


    private byte[] randomBytes() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return bytes;
    }
}
