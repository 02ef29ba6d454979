package dev.switchboard.invocation.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A server the registry has announced, with the last state its events gave. */
@Entity
@Table(name = "server_directory")
public class DirectoryEntryEntity {

    @Id
    @Column(name = "server_id")
    public String serverId;

    @Column(name = "tenant_id")
    public String tenantId;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public boolean enabled;

    @Column(nullable = false)
    public boolean deleted;

    @Column(name = "changed_at", nullable = false)
    public Instant changedAt;

    @Column(name = "last_event_id", nullable = false)
    public String lastEventId;
}
