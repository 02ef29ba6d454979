package dev.switchboard.model.server;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;

/** Descriptive labels: a category and tags to filter by, and the version the server runs. */
public record ServerMetadata(
        @Size(max = 50) String category,
        @Size(max = 20) List<@NotBlank @Size(max = 50) String> tags,
        @Size(max = 50) String version) {

    public static final ServerMetadata EMPTY = new ServerMetadata(null, List.of(), null);

    public ServerMetadata {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }
}
