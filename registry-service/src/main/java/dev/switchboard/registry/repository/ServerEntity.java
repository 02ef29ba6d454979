package dev.switchboard.registry.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A registered MCP server. Its transport and auth are JSON documents whose secrets are sealed. */
@Entity
@Table(name = "mcp_server")
public class ServerEntity {

    @Id
    public UUID id;

    /** {@code null} for a global server. */
    @Column(name = "tenant_id")
    public UUID tenantId;

    @Column(nullable = false)
    public String name;

    public String description;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public String transport;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public String auth;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "health_check", nullable = false, columnDefinition = "jsonb")
    public String healthCheck;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "rate_limits", nullable = false, columnDefinition = "jsonb")
    public String rateLimits;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public String cache;

    public String category;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    public String[] tags;

    public String version;

    @Column(name = "group_id")
    public UUID groupId;

    @Column(nullable = false)
    public boolean enabled;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "deleted_at")
    public Instant deletedAt;
}
