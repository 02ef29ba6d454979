package dev.switchboard.registry.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.platform.error.ApiException;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Applies a JSON Merge Patch to a resource's writable form and reads the result back with the same strict rules as
 * a request body, so that a patch may not bring in unknown fields or wrong types either.
 */
@ApplicationScoped
public class MergePatcher {

    private final ObjectMapper json;

    public MergePatcher(ObjectMapper json) {
        this.json = json;
    }

    public <T> T apply(T current, JsonNode patch, Class<T> type) {
        if (patch == null || !patch.isObject()) {
            throw ApiException.invalid("body", "must be a JSON object");
        }
        JsonNode merged = JsonMergePatch.apply(json.valueToTree(current), patch);
        try {
            return json.treeToValue(merged, type);
        } catch (JsonProcessingException e) {
            throw ApiException.unreadable(e);
        }
    }
}
