package dev.switchboard.registry.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** The last connection state the invocation service reported for a server. */
@Entity
@Table(name = "server_status")
public class ServerStatusEntity {

    @Id
    @Column(name = "server_id")
    public String serverId;

    @Column(name = "tenant_id")
    public String tenantId;

    @Column(nullable = false)
    public String status;

    @Column(name = "tool_count", nullable = false)
    public int toolCount;

    @Column(name = "prompt_count", nullable = false)
    public int promptCount;

    @Column(name = "resource_count", nullable = false)
    public int resourceCount;

    @Column(name = "last_error")
    public String lastError;

    /** The tools last listed by {@code catalog.changed}, as the invocation service sent them. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    public String tools;

    @Column(name = "status_at", nullable = false)
    public Instant statusAt;

    @Column(name = "last_event_id", nullable = false)
    public String lastEventId;
}
