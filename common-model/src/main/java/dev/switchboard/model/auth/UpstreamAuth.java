package dev.switchboard.model.auth;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * How Switchboard authenticates to an upstream MCP server. The JSON form carries a {@code type} discriminator:
 * {@code none}, {@code api_key}, {@code bearer} or {@code oauth2}. Secret fields are encrypted at rest and answered
 * as {@code "***"}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = NoAuth.class, name = NoAuth.TYPE),
        @JsonSubTypes.Type(value = ApiKeyAuth.class, name = ApiKeyAuth.TYPE),
        @JsonSubTypes.Type(value = BearerAuth.class, name = BearerAuth.TYPE),
        @JsonSubTypes.Type(value = OAuth2Auth.class, name = OAuth2Auth.TYPE)
})
public sealed interface UpstreamAuth permits NoAuth, ApiKeyAuth, BearerAuth, OAuth2Auth {

    /** The discriminator value, as it appears in JSON. */
    String type();
}
