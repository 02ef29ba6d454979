package dev.switchboard.registry.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

@Entity
@Table(name = "tenant")
public class TenantEntity {

    @Id
    public UUID id;

    @Column(nullable = false)
    public String name;

    @Column(name = "display_name")
    public String displayName;

    /** The global servers this tenant uses. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "enabled_mcp_servers", nullable = false, columnDefinition = "text[]")
    public String[] enabledMcpServers;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
