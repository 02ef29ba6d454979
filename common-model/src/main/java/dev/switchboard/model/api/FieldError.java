package dev.switchboard.model.api;

/** One invalid input: a dotted path such as {@code transport.url} (or a parameter name) and what is wrong with it. */
public record FieldError(String field, String message) {
}
