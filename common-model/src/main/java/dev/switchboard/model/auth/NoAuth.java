package dev.switchboard.model.auth;

import com.fasterxml.jackson.annotation.JsonIgnore;

/** The upstream needs no credentials. */
public record NoAuth() implements UpstreamAuth {

    public static final String TYPE = "none";

    @Override
    @JsonIgnore
    public String type() {
        return TYPE;
    }
}
