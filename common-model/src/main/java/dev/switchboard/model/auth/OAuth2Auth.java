package dev.switchboard.model.auth;

import com.fasterxml.jackson.annotation.JsonIgnore;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.List;

/** OAuth 2.0 client credentials: a token fetched from {@code tokenUrl}, cached until shortly before it expires. */
public record OAuth2Auth(
        @NotBlank String clientId,
        @NotBlank String clientSecret,
        @NotBlank @Pattern(regexp = "^https?://\\S+$", message = "must be an absolute http or https URL") String tokenUrl,
        List<@NotNull String> scopes) implements UpstreamAuth {

    public static final String TYPE = "oauth2";

    public OAuth2Auth {
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
    }

    @Override
    @JsonIgnore
    public String type() {
        return TYPE;
    }
}
