package dev.switchboard.audit.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A stored event. Rows are written once by the ingestion and never updated; only retention deletes them. */
@Entity
@Table(name = "audit_event")
public class AuditEventEntity {

    @Id
    @Column(name = "event_id")
    public String eventId;

    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;

    @Column(nullable = false)
    public String type;

    @Column(nullable = false)
    public String source;

    @Column(name = "tenant_id")
    public String tenantId;

    @Column(name = "actor_id")
    public String actorId;

    @Column(name = "resource_type", nullable = false)
    public String resourceType;

    @Column(name = "resource_id")
    public String resourceId;

    @Column(name = "server_id")
    public String serverId;

    @Column(name = "tool_name")
    public String toolName;

    public Boolean success;

    @Column(name = "duration_ms")
    public Long durationMs;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public String envelope;

    @Column(name = "stored_at", nullable = false, insertable = false, updatable = false)
    public Instant storedAt;
}
