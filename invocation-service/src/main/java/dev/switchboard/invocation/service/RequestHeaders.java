package dev.switchboard.invocation.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * What the stateless revision's Streamable HTTP transport copies from a request's body into its headers, for
 * intermediaries that route on headers: {@code Mcp-Name} (the tool's or prompt's name, the resource's URI) and, for a
 * tool whose {@code inputSchema} marks an argument with {@code x-mcp-header}, {@code Mcp-Param-<that name>} (the
 * argument's value). A server that reads the body must refuse a request whose headers and body disagree, lest a
 * balancer route on one value while the server acts on another. A value that is not plain visible ASCII travels as
 * {@code =?base64?…?=}.
 */
public final class RequestHeaders {

    private static final String ENCODED_START = "=?base64?";
    private static final String ENCODED_END = "?=";
    private static final String PARAM_PREFIX = "Mcp-Param-";

    /** An argument a tool's schema mirrors into a header: the header's name and the properties that lead to it. */
    record Mirrored(String header, List<String> path) {
    }

    private RequestHeaders() {
    }

    /** The header's value as the client meant it, or empty when it is neither plain visible ASCII nor well encoded. */
    public static Optional<String> decode(String sent) {
        if (sent.startsWith(ENCODED_START) && sent.endsWith(ENCODED_END)
                && sent.length() >= ENCODED_START.length() + ENCODED_END.length()) {
            try {
                return Optional.of(new String(Base64.getDecoder().decode(
                        sent.substring(ENCODED_START.length(), sent.length() - ENCODED_END.length())), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException notBase64) {
                return Optional.empty();
            }
        }
        for (int i = 0; i < sent.length(); i++) {
            char c = sent.charAt(i);
            if (c != ' ' && c != '\t' && (c < 0x21 || c > 0x7e)) {
                return Optional.empty();
            }
        }
        return Optional.of(sent);
    }

    /**
     * Checks the {@code Mcp-Param-*} headers of a {@code tools/call} against its arguments.
     *
     * @param header a request header by name (any case), or null when it was not sent
     * @return why they disagree, or empty when they agree
     */
    public static Optional<String> paramMismatch(JsonNode inputSchema, JsonNode arguments, UnaryOperator<String> header) {
        for (Mirrored mirrored : mirrored(inputSchema)) {
            String name = PARAM_PREFIX + mirrored.header();
            String sent = header.apply(name);
            JsonNode value = arguments;
            for (String property : mirrored.path()) {
                value = value.path(property);
            }
            String where = "arguments." + String.join(".", mirrored.path());
            if (value.isMissingNode() || value.isNull()) {
                if (sent != null) {
                    return Optional.of(name + " is sent but " + where + " is not");
                }
                continue;
            }
            if (sent == null) {
                return Optional.of(name + " is missing; the tool's schema mirrors " + where + " into it");
            }
            Optional<String> decoded = decode(sent);
            if (decoded.isEmpty()) {
                return Optional.of(name + " holds characters a header value may not carry; encode it as =?base64?…?=");
            }
            if (!sameValue(value, decoded.get())) {
                return Optional.of(name + " header value '" + decoded.get() + "' does not match body value " + value);
            }
        }
        return Optional.empty();
    }

    /** The arguments a schema mirrors into headers: those reached from its root through {@code properties} only. */
    static List<Mirrored> mirrored(JsonNode inputSchema) {
        List<Mirrored> found = new ArrayList<>();
        collect(inputSchema, List.of(), found);
        return found;
    }

    private static void collect(JsonNode schema, List<String> path, List<Mirrored> found) {
        if (schema == null) {
            return;
        }
        schema.path("properties").fields().forEachRemaining(property -> {
            List<String> at = new ArrayList<>(path);
            at.add(property.getKey());
            JsonNode header = property.getValue().get("x-mcp-header");
            if (header != null && header.isTextual() && !header.asText().isEmpty()) {
                found.add(new Mirrored(header.asText(), List.copyOf(at)));
            }
            collect(property.getValue(), at, found);
        });
    }

    private static boolean sameValue(JsonNode value, String header) {
        if (value.isIntegralNumber()) {
            try {
                return new BigDecimal(header.trim()).compareTo(value.decimalValue()) == 0;
            } catch (NumberFormatException notANumber) {
                return false;
            }
        }
        return (value.isTextual() || value.isBoolean()) && value.asText().equals(header);
    }
}
