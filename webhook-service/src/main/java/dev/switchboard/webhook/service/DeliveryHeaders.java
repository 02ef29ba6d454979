package dev.switchboard.webhook.service;

import dev.switchboard.platform.crypto.SecretCipher;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The headers of a delivery: the Standard Webhooks three ({@code webhook-id}, {@code webhook-timestamp}, and a
 * {@code webhook-signature} with the current secret's signature, and the previous one's during a rotation's
 * overlap), and the content type of a structured CloudEvent.
 */
@ApplicationScoped
public class DeliveryHeaders {

    static final String CONTENT_TYPE = "application/cloudevents+json; charset=utf-8";

    private final SecretCipher cipher;

    public DeliveryHeaders(SecretCipher cipher) {
        this.cipher = cipher;
    }

    /** @param previousSecretSealed {@code null} outside a rotation's overlap */
    public Map<String, String> of(String id, long timestamp, String body, String secretSealed, String previousSecretSealed) {
        List<String> secrets = new ArrayList<>(List.of(cipher.open(secretSealed)));
        if (previousSecretSealed != null) {
            secrets.add(cipher.open(previousSecretSealed));
        }
        return Map.of("webhook-id", id,
                "webhook-timestamp", String.valueOf(timestamp),
                "webhook-signature", WebhookSignature.header(secrets, id, timestamp, body),
                "Content-Type", CONTENT_TYPE,
                "User-Agent", "Switchboard-Webhooks/1");
    }
}
