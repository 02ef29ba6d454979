package dev.switchboard.platform.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.platform.error.ApiException;
import java.util.Optional;

/**
 * A request body that clients may leave out, read by hand because it is accepted whatever its content type: no
 * body, a blank one and JSON {@code null} all mean "none"; anything else must be the expected object.
 */
public final class OptionalBody {

    private OptionalBody() {
    }

    public static <T> Optional<T> read(ObjectMapper json, String body, Class<T> type) {
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(json.readValue(body, type));
        } catch (JsonProcessingException e) {
            throw ApiException.unreadable(e);
        }
    }
}
