package dev.switchboard.webhook.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

@Entity
@Table(name = "webhook_subscription")
public class SubscriptionEntity {

    @Id
    public UUID id;

    @Column(name = "tenant_id")
    public String tenantId;

    @Column(nullable = false)
    public String url;

    /** Event type names or patterns: {@code server.created}, {@code server.*}, {@code *}. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "event_types", nullable = false, columnDefinition = "text[]")
    public String[] eventTypes;

    public String description;

    /** The signing secret, sealed by {@code SecretCipher}; shown to the client once, at creation. */
    @Column(name = "secret_sealed", nullable = false)
    public String secretSealed;

    /** The secret before the last rotation, sealed; it signs too until {@link #previousSecretUntil}. */
    @Column(name = "previous_secret_sealed")
    public String previousSecretSealed;

    @Column(name = "previous_secret_until")
    public Instant previousSecretUntil;

    @Column(nullable = false)
    public boolean enabled;

    /** Since when every attempt has failed; null once one succeeds. */
    @Column(name = "failing_since")
    public Instant failingSince;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
