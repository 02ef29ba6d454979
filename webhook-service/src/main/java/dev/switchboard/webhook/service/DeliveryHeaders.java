package dev.switchboard.webhook.service;

import dev.switchboard.platform.crypto.SecretCipher;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The headers of a delivery: the Standard Webhooks three ({@code webhook-id}, {@code webhook-timestamp}, and a
 * {@code webhook-signature} with the current secret's signature, and the previous one's during a rotation's
 * overlap), and the content type of a structured CloudEvent.
 */
@ApplicationScoped
public class DeliveryHeaders {

    static final String CONTENT_TYPE = "application/cloudevents+json; charset=utf-8";

    /** Subscriptions whose opened secrets are kept; past it the cache starts again, so rotated secrets do not pile up. */
    static final int OPENED_SECRETS = 10_000;

    private final SecretCipher cipher;
    /**
     * Opened secrets by their sealed form, which names one secret of one subscription: every delivery is signed, and
     * opening (an AES-GCM key schedule and decryption) cost more than the signature itself.
     */
    private final Map<String, String> opened = new ConcurrentHashMap<>();

    public DeliveryHeaders(SecretCipher cipher) {
        this.cipher = cipher;
    }

    /** @param previousSecretSealed {@code null} outside a rotation's overlap */
    public Map<String, String> of(String id, long timestamp, String body, String secretSealed, String previousSecretSealed) {
        List<String> secrets = previousSecretSealed == null ? List.of(open(secretSealed))
                : List.of(open(secretSealed), open(previousSecretSealed));
        return Map.of("webhook-id", id,
                "webhook-timestamp", String.valueOf(timestamp),
                "webhook-signature", WebhookSignature.header(secrets, id, timestamp, body),
                "Content-Type", CONTENT_TYPE,
                "User-Agent", "Switchboard-Webhooks/1");
    }

    private String open(String sealed) {
        String secret = opened.get(sealed);
        if (secret == null) {
            if (opened.size() >= OPENED_SECRETS) {
                opened.clear();
            }
            secret = cipher.open(sealed);
            opened.put(sealed, secret);
        }
        return secret;
    }
}
