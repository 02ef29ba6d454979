package dev.switchboard.model.auth;

import com.fasterxml.jackson.annotation.JsonIgnore;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A static token sent as {@code Authorization: Bearer <token>}. */
public record BearerAuth(@NotBlank @Size(max = 8192) String token) implements UpstreamAuth {

    public static final String TYPE = "bearer";

    @Override
    @JsonIgnore
    public String type() {
        return TYPE;
    }
}
