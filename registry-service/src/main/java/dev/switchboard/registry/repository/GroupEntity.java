package dev.switchboard.registry.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "server_group")
public class GroupEntity {

    @Id
    public UUID id;

    /** {@code null} for a global group, which holds global servers. */
    @Column(name = "tenant_id")
    public UUID tenantId;

    @Column(nullable = false)
    public String name;

    public String description;

    public String color;

    public String icon;

    @Column(name = "sort_order", nullable = false)
    public int sortOrder;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
