package dev.switchboard.registry.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Where a server's stored secrets go: the transport's type and address (or the command and arguments a stdio server
 * runs with its env), the auth type and the OAuth token URL. A secret is kept ({@code "***"}) only while all of these
 * stay the same, so that nobody can send a secret someone else set to an address of their own choosing.
 */
public final class SecretDestination {

    private static final List<String> TRANSPORT_FIELDS = List.of("type", "url", "command", "args");
    private static final List<String> AUTH_FIELDS = List.of("type", "tokenUrl");

    private SecretDestination() {
    }

    /**
     * @return the request fields, such as {@code transport.url}, whose change sends the transport's secrets (env
     *         and headers) elsewhere
     */
    public static List<String> transportChanges(JsonNode storedTransport, JsonNode transport) {
        List<String> changed = new ArrayList<>();
        compare("transport", TRANSPORT_FIELDS, storedTransport, transport, changed);
        return changed;
    }

    /** @return the fields whose change sends the auth secrets elsewhere: the transport's and the auth's own */
    public static List<String> authChanges(JsonNode storedTransport, JsonNode storedAuth, JsonNode transport, JsonNode auth) {
        List<String> changed = transportChanges(storedTransport, transport);
        compare("auth", AUTH_FIELDS, storedAuth, auth, changed);
        return changed;
    }

    private static void compare(String part, List<String> fields, JsonNode before, JsonNode after, List<String> changed) {
        for (String field : fields) {
            if (!Objects.equals(value(before, field), value(after, field))) {
                changed.add(part + "." + field);
            }
        }
    }

    private static JsonNode value(JsonNode document, String field) {
        JsonNode value = document == null ? null : document.get(field);
        return value == null || value.isNull() ? null : value;
    }
}
