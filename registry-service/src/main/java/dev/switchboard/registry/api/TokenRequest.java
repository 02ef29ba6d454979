package dev.switchboard.registry.api;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The API key to exchange; it may come in the {@code X-API-Key} header instead. */
@RegisterForReflection
public record TokenRequest(String apiKey) {
}
