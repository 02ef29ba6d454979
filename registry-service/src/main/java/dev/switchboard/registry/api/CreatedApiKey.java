package dev.switchboard.registry.api;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.switchboard.model.registry.ApiKeyView;

/** The answer to a key's creation: the key, shown this once, and what lists will show of it. */
public record CreatedApiKey(@JsonUnwrapped ApiKeyView view, String key) {
}
