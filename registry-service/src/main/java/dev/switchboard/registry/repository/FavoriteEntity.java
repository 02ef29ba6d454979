package dev.switchboard.registry.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/** A tool that one API key marked as a favourite. */
@Entity
@Table(name = "favorite")
public class FavoriteEntity {

    @EmbeddedId
    public Key id;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Embeddable
    public record Key(
            @Column(name = "key_id") UUID keyId,
            @Column(name = "server_id") UUID serverId,
            @Column(name = "tool_name") String toolName) implements Serializable {
    }
}
