package dev.switchboard.webhook.service;

import dev.switchboard.model.api.FieldError;
import dev.switchboard.model.api.PageResult;
import dev.switchboard.platform.crypto.SecretCipher;
import dev.switchboard.platform.error.ApiException;
import dev.switchboard.platform.net.OutboundUrlPolicy;
import dev.switchboard.platform.security.Caller;
import dev.switchboard.webhook.mapping.WebhookMapper;
import dev.switchboard.webhook.repository.SubscriptionEntity;
import dev.switchboard.webhook.repository.SubscriptionRepository;
import dev.switchboard.webhook.rest.CreateWebhookRequest;
import dev.switchboard.webhook.rest.CreatedWebhook;
import dev.switchboard.webhook.rest.WebhookView;
import io.quarkus.panache.common.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
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

    public SubscriptionService(SubscriptionRepository repository, WebhookMapper mapper, OutboundUrlPolicy urls,
                               SecretCipher cipher) {
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
        return new CreatedWebhook(mapper.toView(entity), secret);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public PageResult<WebhookView> list(int limit, int offset, Caller caller) {
        var query = repository.visibleTo(caller.tenantScope());
        List<WebhookView> items = query.range(offset, offset + limit - 1).list().stream().map(mapper::toView).toList();
        return new PageResult<>(items, query.count(), limit, offset);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public WebhookView get(UUID id, Caller caller) {
        return repository.findVisible(id, caller.tenantScope()).map(mapper::toView)
                .orElseThrow(() -> ApiException.notFound("webhook", id));
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
