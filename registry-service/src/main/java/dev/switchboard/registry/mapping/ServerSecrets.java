package dev.switchboard.registry.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.switchboard.model.server.ServerDefinition;
import dev.switchboard.platform.crypto.SecretCipher;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Finds the secrets in a server's transport and auth documents: every value of a transport's {@code env} and
 * {@code headers}, and an auth's {@code key}, {@code token} and {@code clientSecret}. It seals them for storage,
 * masks them for answers and opens them for the service role. {@code "***"} in an incoming document stands for the
 * value already stored at the same place.
 */
@ApplicationScoped
public class ServerSecrets {

    /** Which document a walk is over; each keeps its secrets in different places. */
    public enum Part {
        TRANSPORT("transport"), AUTH("auth");

        private final String field;

        Part(String field) {
            this.field = field;
        }
    }

    private static final List<String> SECRET_MAPS = List.of("env", "headers");
    private static final List<String> SECRET_FIELDS = List.of("key", "token", "clientSecret");

    private final SecretCipher cipher;

    public ServerSecrets(SecretCipher cipher) {
        this.cipher = cipher;
    }

    /**
     * @param document the sealed document that {@code incoming} becomes
     * @param missing  the request fields, such as {@code transport.env.GITHUB_TOKEN}, that sent {@code "***"} where
     *                 nothing was stored; they are left out of {@code document}
     */
    public record Sealed(JsonNode document, List<String> missing) {
    }

    public Sealed seal(Part part, JsonNode incoming, JsonNode stored) {
        ObjectNode document = incoming.deepCopy();
        List<String> missing = new ArrayList<>();
        forEachSecret(part, document, (path, holder, field) -> {
            String value = holder.get(field).asText();
            if (!ServerDefinition.MASK.equals(value)) {
                holder.put(field, cipher.seal(value));
                return;
            }
            JsonNode kept = storedAt(part, stored, path);
            if (kept == null) {
                missing.add(part.field + "." + path);
                holder.remove(field);
            } else {
                holder.set(field, kept);
            }
        });
        return new Sealed(document, missing);
    }

    public JsonNode mask(Part part, JsonNode sealed) {
        return rewrite(part, sealed, value -> ServerDefinition.MASK);
    }

    public JsonNode open(Part part, JsonNode sealed) {
        return rewrite(part, sealed, cipher::open);
    }

    private JsonNode rewrite(Part part, JsonNode sealed, UnaryOperator<String> change) {
        ObjectNode document = sealed.deepCopy();
        forEachSecret(part, document, (path, holder, field) -> holder.put(field, change.apply(holder.get(field).asText())));
        return document;
    }

    private static JsonNode storedAt(Part part, JsonNode stored, String path) {
        if (stored == null) {
            return null;
        }
        JsonNode found = part == Part.TRANSPORT ? stored.path(path.substring(0, path.indexOf('.')))
                .get(path.substring(path.indexOf('.') + 1)) : stored.get(path);
        return found != null && found.isTextual() ? found : null;
    }

    private interface SecretVisitor {
        void visit(String path, ObjectNode holder, String field);
    }

    private static void forEachSecret(Part part, ObjectNode document, SecretVisitor visitor) {
        if (part == Part.AUTH) {
            for (String field : SECRET_FIELDS) {
                if (document.get(field) instanceof TextNode) {
                    visitor.visit(field, document, field);
                }
            }
            return;
        }
        for (String mapName : SECRET_MAPS) {
            if (document.get(mapName) instanceof ObjectNode map) {
                List<String> names = new ArrayList<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> entry = it.next();
                    if (entry.getValue().isTextual()) {
                        names.add(entry.getKey());
                    }
                }
                names.forEach(name -> visitor.visit(mapName + "." + name, map, name));
            }
        }
    }
}
