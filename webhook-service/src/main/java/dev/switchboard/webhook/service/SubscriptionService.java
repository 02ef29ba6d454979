package dev.switchboard.webhook.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.model.api.FieldError;
import dev.switchboard.model.api.PageResult;
import dev.switchboard.model.event.EventType;
import dev.switchboard.platform.crypto.SecretCipher;
import dev.switchboard.platform.error.ApiException;
import dev.switchboard.platform.net.OutboundUrlPolicy;
import dev.switchboard.platform.security.Caller;
import dev.switchboard.webhook.api.CreateWebhookRequest;
import dev.switchboard.webhook.api.CreatedWebhook;
import dev.switchboard.webhook.api.DeliveryView;
import dev.switchboard.webhook.api.ReplaceWebhookRequest;
import dev.switchboard.webhook.api.RotatedSecret;
import dev.switchboard.webhook.api.WebhookView;
import dev.switchboard.webhook.config.WebhookConfig;
import dev.switchboard.webhook.mapping.WebhookMapper;
import dev.switchboard.webhook.repository.DeliveryRepository;
import dev.switchboard.webhook.repository.SubscriptionEntity;
import dev.switchboard.webhook.repository.SubscriptionRepository;
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
    private final WebhookConfig config;
    private final WebhookEvents events;

    public SubscriptionService(SubscriptionRepository repository, WebhookMapper mapper, OutboundUrlPolicy urls,
                               SecretCipher cipher, DeliveryRepository deliveries, WebhookConfig config,
                               WebhookEvents events) {
        this.events = events;
        this.deliveries = deliveries;
        this.config = config;
        this.repository = repository;
        this.mapper = mapper;
        this.urls = urls;
        this.cipher = cipher;
    }

    @Transactional
    public CreatedWebhook create(CreateWebhookRequest request, Caller caller) {
        checkDestination(request.url(), request.events());
        if (!caller.isAdmin() && request.tenantId() != null && !request.tenantId().equals(caller.tenantId())) {
            throw ApiException.forbidden("a manager subscribes for its own tenant only");
        }
        String secret = newSecret();
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
        events.changed(EventType.WEBHOOK_CREATED, entity, caller);
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

    @Transactional
    public WebhookView replace(UUID id, ReplaceWebhookRequest request, Caller caller) {
        SubscriptionEntity found = visible(id, caller);
        checkDestination(request.url(), request.events());
        found.url = request.url();
        found.eventTypes = request.events().toArray(String[]::new);
        found.description = request.description();
        enable(found, request.enabled() == null || request.enabled());
        return updated(found, caller);
    }

    /** A JSON merge patch (RFC 7396) of {@code url}, {@code events}, {@code description} and {@code enabled}. */
    @Transactional
    public WebhookView patch(UUID id, JsonNode patch, Caller caller) {
        SubscriptionEntity found = visible(id, caller);
        List<FieldError> problems = new ArrayList<>();
        patch.fieldNames().forEachRemaining(field -> {
            if (!Set.of("url", "events", "description", "enabled").contains(field)) {
                problems.add(new FieldError(field, "cannot be changed; url, events, description and enabled can"));
            }
        });
        String url = patch.has("url") ? text(patch.get("url"), "url", 2048, false, problems) : found.url;
        List<String> events = patch.has("events") ? events(patch.get("events"), problems) : List.of(found.eventTypes);
        String description = patch.has("description") ? text(patch.get("description"), "description", 500, true, problems)
                : found.description;
        if (patch.has("enabled") && !patch.get("enabled").isBoolean()) {
            problems.add(new FieldError("enabled", "must be true or false"));
        }
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        checkDestination(url, events);
        found.url = url;
        found.eventTypes = events.toArray(String[]::new);
        found.description = description;
        enable(found, patch.has("enabled") ? patch.get("enabled").asBoolean() : found.enabled);
        return updated(found, caller);
    }

    /** Enabling a subscription gives it a fresh start: its failures so far no longer count towards disabling it. */
    private static void enable(SubscriptionEntity subscription, boolean enabled) {
        if (enabled && !subscription.enabled) {
            subscription.failingSince = null;
        }
        subscription.enabled = enabled;
    }

    private WebhookView updated(SubscriptionEntity subscription, Caller caller) {
        subscription.updatedAt = Instant.now();
        events.changed(EventType.WEBHOOK_UPDATED, subscription, caller);
        return get(subscription.id, caller);
    }

    /** A new secret, shown this once; the previous one keeps signing beside it for the configured overlap. */
    @Transactional
    public RotatedSecret rotateSecret(UUID id, Caller caller) {
        SubscriptionEntity found = visible(id, caller);
        String secret = newSecret();
        Instant now = Instant.now();
        found.previousSecretSealed = found.secretSealed;
        found.previousSecretUntil = now.plus(config.secretOverlap());
        found.secretSealed = cipher.seal(secret);
        found.updatedAt = now;
        events.changed(EventType.WEBHOOK_UPDATED, found, caller);
        return new RotatedSecret(secret, found.previousSecretUntil);
    }

    /** Where a test delivery goes and how it is signed, read in a transaction of its own before the send. */
    public record Destination(String url, String secretSealed, String previousSecretSealed) {
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Destination destination(UUID id, Caller caller) {
        SubscriptionEntity found = visible(id, caller);
        boolean overlapping = found.previousSecretUntil != null && found.previousSecretUntil.isAfter(Instant.now());
        return new Destination(found.url, found.secretSealed, overlapping ? found.previousSecretSealed : null);
    }

    private void checkDestination(String url, List<String> events) {
        urls.check("url", url, HTTP_SCHEMES);
        List<FieldError> unknown = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            if (!EventTypePatterns.isUseful(events.get(i))) {
                unknown.add(new FieldError("events[" + i + "]", "matches no event type"));
            }
        }
        if (!unknown.isEmpty()) {
            throw ApiException.invalid(unknown);
        }
    }

    private static String text(JsonNode value, String field, int maxLength, boolean nullable, List<FieldError> problems) {
        if (value.isNull() && nullable) {
            return null;
        }
        if (!value.isTextual() || value.asText().isBlank() || value.asText().length() > maxLength) {
            problems.add(new FieldError(field, "must be a string of 1 to " + maxLength + " characters"
                    + (nullable ? ", or null" : "")));
            return null;
        }
        return value.asText();
    }

    private static List<String> events(JsonNode value, List<FieldError> problems) {
        List<String> events = new ArrayList<>();
        if (value.isArray() && !value.isEmpty() && value.size() <= 50) {
            value.forEach(event -> {
                if (event.isTextual() && !event.asText().isBlank() && event.asText().length() <= 100) {
                    events.add(event.asText());
                }
            });
        }
        if (events.isEmpty() || events.size() != value.size()) {
            problems.add(new FieldError("events", "must be 1 to 50 event types or patterns"));
            return List.of();
        }
        return events;
    }

    private String newSecret() {
        return WebhookSignature.SECRET_PREFIX + Base64.getEncoder().encodeToString(randomBytes());
    }

    private SubscriptionEntity visible(UUID id, Caller caller) {
        return repository.findVisible(id, caller.tenantScope()).orElseThrow(() -> ApiException.notFound("webhook", id));
    }

    @Transactional
    public void delete(UUID id, Caller caller) {
        SubscriptionEntity entity = repository.findVisible(id, caller.tenantScope())
                .orElseThrow(() -> ApiException.notFound("webhook", id));
        events.changed(EventType.WEBHOOK_DELETED, entity, caller);
        deliveries.lockAllOf(id);
        repository.delete(entity);
    }

    private byte[] randomBytes() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return bytes;
    }
}
