package dev.switchboard.registry.rest;

/** The API key to exchange; it may come in the {@code X-API-Key} header instead. */
public record TokenRequest(String apiKey) {
}
