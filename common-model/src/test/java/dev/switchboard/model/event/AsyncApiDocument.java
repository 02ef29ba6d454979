package dev.switchboard.model.event;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.model.ModelJson;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The AsyncAPI 3.0 document of Switchboard's topics, built from the code: a channel per topic, a message per event
 * type (the CloudEvents envelope with the type's {@link EventType#dataType() data record}), and a JSON Schema per
 * record, with the properties Jackson writes for it. {@code docs/asyncapi.json} is this document, committed.
 */
final class AsyncApiDocument {

    private static final String SCHEMAS = "#/components/schemas/";
    private static final Set<Class<?>> INTEGERS = Set.of(int.class, Integer.class, long.class, Long.class, short.class,
            Short.class);
    private static final Set<Class<?>> NUMBERS = Set.of(double.class, Double.class, float.class, Float.class,
            BigDecimal.class);
    private static final Map<String, String> TOPIC_DESCRIPTIONS = Map.of(
            Topics.REGISTRY, "Changes to servers, groups, tenants and API keys, published by the registry service"
                    + " through its outbox.",
            Topics.CONNECTIONS, "What happens to each upstream MCP connection, published by the invocation service.",
            Topics.INVOCATIONS, "Every tool call, published by the invocation service.",
            Topics.WEBHOOKS, "Changes to webhook subscriptions and failed deliveries, published by the webhook service"
                    + " through its outbox.");

    private final ObjectMapper mapper = ModelJson.MAPPER;
    private final ObjectNode schemas = mapper.createObjectNode();

    private AsyncApiDocument() {
    }

    static ObjectNode generate() {
        return new AsyncApiDocument().build();
    }

    private ObjectNode build() {
        ObjectNode document = mapper.createObjectNode().put("asyncapi", "3.0.0");
        document.putObject("info").put("title", "Switchboard events").put("version", "1.0.0")
                .put("description", "The events Switchboard's services publish on Kafka. Every record value is a"
                        + " CloudEvents 1.0 event in structured JSON mode, keyed by its subject so that the events of one"
                        + " resource stay in order. Types are never renamed and fields are only added: read with unknown"
                        + " fields ignored. Delivery is at least once: keep each event id once.");
        document.put("defaultContentType", EventEnvelope.CONTENT_TYPE);
        ObjectNode channels = document.putObject("channels");
        ObjectNode operations = document.putObject("operations");
        ObjectNode messages = mapper.createObjectNode();
        for (String topic : Topics.EVENT_TOPICS) {
            ObjectNode channel = channels.putObject(topic).put("address", topic)
                    .put("description", TOPIC_DESCRIPTIONS.get(topic));
            ObjectNode channelMessages = channel.putObject("messages");
            ObjectNode operation = operations.putObject("consume-" + topic).put("action", "receive");
            operation.putObject("channel").put("$ref", "#/channels/" + topic);
            ArrayNode operationMessages = operation.putArray("messages");
            for (EventType type : EventType.values()) {
                if (type.topic().equals(topic)) {
                    channelMessages.putObject(type.typeName()).put("$ref", "#/components/messages/" + type.typeName());
                    operationMessages.addObject().put("$ref", "#/channels/" + topic + "/messages/" + type.typeName());
                    messages.set(type.typeName(), message(type));
                }
            }
        }
        ObjectNode components = document.putObject("components");
        components.set("messages", messages);
        schemas.set("CloudEvent", envelope());
        components.set("schemas", sorted(schemas));
        return document;
    }

    private ObjectNode message(EventType type) {
        ObjectNode message = mapper.createObjectNode().put("name", type.typeName()).put("title", type.typeName())
                .put("contentType", EventEnvelope.CONTENT_TYPE);
        ArrayNode allOf = message.putObject("payload").putArray("allOf");
        allOf.addObject().put("$ref", SCHEMAS + "CloudEvent");
        ObjectNode specific = allOf.addObject().put("type", "object");
        ObjectNode properties = specific.putObject("properties");
        properties.putObject("type").put("const", type.typeName());
        properties.set("data", schemaOf(mapper.constructType(type.dataType())));
        ObjectNode kafka = message.putObject("bindings").putObject("kafka");
        kafka.putObject("key").put("type", "string").put("description", "The event's subject: the resource it is about");
        kafka.put("bindingVersion", "0.5.0");
        return message;
    }

    /** The envelope as {@link EventEnvelope} writes it; {@code data} is narrowed by each message. */
    private ObjectNode envelope() {
        ObjectNode envelope = objectSchema(mapper.constructType(EventEnvelope.class));
        ArrayNode required = envelope.putArray("required");
        List.of("specversion", "id", "source", "type", "time").forEach(required::add);
        ((ObjectNode) envelope.path("properties").path("specversion")).put("const", EventEnvelope.SPEC_VERSION);
        return envelope;
    }

    private ObjectNode schemaOf(JavaType type) {
        Class<?> raw = type.getRawClass();
        if (raw == String.class) {
            return typed("string");
        } else if (raw == UUID.class) {
            return typed("string").put("format", "uuid");
        } else if (raw == Instant.class || raw == OffsetDateTime.class) {
            return typed("string").put("format", "date-time");
        } else if (INTEGERS.contains(raw)) {
            return typed("integer");
        } else if (NUMBERS.contains(raw)) {
            return typed("number");
        } else if (raw == boolean.class || raw == Boolean.class) {
            return typed("boolean");
        } else if (raw.isEnum()) {
            ObjectNode schema = typed("string");
            ArrayNode values = schema.putArray("enum");
            Arrays.stream(raw.getEnumConstants()).forEach(value -> values.add(((Enum<?>) value).name()));
            return schema;
        } else if (Collection.class.isAssignableFrom(raw)) {
            ObjectNode array = typed("array");
            array.set("items", schemaOf(type.getContentType()));
            return array;
        } else if (Map.class.isAssignableFrom(raw)) {
            ObjectNode map = typed("object");
            map.set("additionalProperties", schemaOf(type.getContentType()));
            return map;
        } else if (raw == Object.class || JsonNode.class.isAssignableFrom(raw)) {
            return mapper.createObjectNode();
        } else if (raw.isAnnotationPresent(JsonSubTypes.class)) {
            return polymorphic(raw);
        }
        return reference(type, null, null);
    }

    /** A sealed family written with a type property: one of its members, each carrying its name in that property. */
    private ObjectNode polymorphic(Class<?> family) {
        String property = family.getAnnotation(JsonTypeInfo.class).property();
        ObjectNode schema = mapper.createObjectNode().put("discriminator", property);
        ArrayNode oneOf = schema.putArray("oneOf");
        for (JsonSubTypes.Type member : family.getAnnotation(JsonSubTypes.class).value()) {
            oneOf.add(reference(mapper.constructType(member.value()), property, member.name()));
        }
        return schema;
    }

    private ObjectNode reference(JavaType type, String discriminator, String discriminatorValue) {
        String name = schemaName(type.getRawClass());
        if (!schemas.has(name)) {
            schemas.putObject(name);
            ObjectNode schema = objectSchema(type);
            if (discriminator != null) {
                ((ObjectNode) schema.get("properties")).putObject(discriminator).put("const", discriminatorValue);
                schema.putArray("required").add(discriminator);
            }
            schemas.set(name, schema);
        }
        return mapper.createObjectNode().put("$ref", SCHEMAS + name);
    }

    private ObjectNode objectSchema(JavaType type) {
        ObjectNode schema = typed("object");
        ObjectNode properties = schema.putObject("properties");
        for (BeanPropertyDefinition property : mapper.getSerializationConfig().introspect(type).findProperties()) {
            if (property.couldSerialize()) {
                properties.set(property.getName(), schemaOf(property.getPrimaryType()));
            }
        }
        return schema;
    }

    private static String schemaName(Class<?> type) {
        Class<?> enclosing = type.getEnclosingClass();
        return enclosing == null ? type.getSimpleName() : schemaName(enclosing) + type.getSimpleName();
    }

    private ObjectNode typed(String type) {
        return mapper.createObjectNode().put("type", type);
    }

    private ObjectNode sorted(ObjectNode node) {
        ObjectNode sorted = mapper.createObjectNode();
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        names.stream().sorted().forEach(name -> sorted.set(name, node.get(name)));
        return sorted;
    }
}
