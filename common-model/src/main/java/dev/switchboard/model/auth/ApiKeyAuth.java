package dev.switchboard.model.auth;

import com.fasterxml.jackson.annotation.JsonIgnore;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A static key sent in {@code header}, preceded by {@code prefix} (for example {@code "Token "}). */
public record ApiKeyAuth(
        @NotBlank @Size(max = 4096) String key,
        @Pattern(regexp = "^[A-Za-z0-9!#$%&'*+.^_`|~-]+$", message = "must be a valid HTTP header name") String header,
        @Size(max = 64) String prefix) implements UpstreamAuth {

    public static final String TYPE = "api_key";
    public static final String DEFAULT_HEADER = "X-API-Key";

    public ApiKeyAuth {
        header = header == null || header.isBlank() ? DEFAULT_HEADER : header;
        prefix = prefix == null ? "" : prefix;
    }

    @Override
    @JsonIgnore
    public String type() {
        return TYPE;
    }
}
