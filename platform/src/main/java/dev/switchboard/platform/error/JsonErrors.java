package dev.switchboard.platform.error;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import dev.switchboard.model.api.FieldError;
import java.time.temporal.Temporal;
import java.util.Arrays;
import java.util.Collection;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Explains a body that Jackson could not read in the client's terms: the JSON path of the bad field and what it
 * should have been. Never Java class names, never parser internals.
 */
final class JsonErrors {

    private JsonErrors() {
    }

    static FieldError describe(JsonProcessingException error) {
        if (error instanceof StreamConstraintsException) {
            return new FieldError("body", "exceeds a JSON limit (nesting depth, number or string length)");
        }
        if (error instanceof JsonParseException) {
            return new FieldError("body", "malformed JSON" + at(error.getLocation()));
        }
        if (!(error instanceof JsonMappingException mapping)) {
            return new FieldError("body", "malformed JSON" + at(error.getLocation()));
        }
        String field = path(mapping);
        if (mapping instanceof InvalidTypeIdException typeId) {
            return new FieldError(join(field, "type"), unknownType(typeId));
        }
        if (mapping instanceof UnrecognizedPropertyException) {
            return new FieldError(field, "is not a known field");
        }
        if (mapping instanceof ValueInstantiationException && mapping.getCause() instanceof IllegalArgumentException cause
                && cause.getMessage() != null) {
            return new FieldError(field, cause.getMessage());
        }
        if (mapping instanceof InvalidFormatException invalid && invalid.getTargetType() == String.class) {
            return new FieldError(field, invalid.getOriginalMessage());
        }
        if (mapping instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return new FieldError(field, "must be " + describeType(mismatch.getTargetType()));
        }
        if (mapping.getCause() instanceof JsonParseException) {
            return new FieldError("body", "malformed JSON" + at(mapping.getLocation()));
        }
        return new FieldError(field, "has an invalid value");
    }

    private static String unknownType(InvalidTypeIdException error) {
        String expected = knownTypeIds(error.getBaseType());
        if (error.getTypeId() == null) {
            return "is missing" + expected;
        }
        return "'" + error.getTypeId() + "' is not a known type" + expected;
    }

    private static String knownTypeIds(JavaType baseType) {
        if (baseType == null) {
            return "";
        }
        JsonSubTypes subTypes = baseType.getRawClass().getAnnotation(JsonSubTypes.class);
        if (subTypes == null) {
            return "";
        }
        return "; expected one of: " + Arrays.stream(subTypes.value()).map(JsonSubTypes.Type::name)
                .collect(Collectors.joining(", "));
    }

    private static String describeType(Class<?> type) {
        if (type.isEnum()) {
            return "one of: " + Arrays.stream(type.getEnumConstants()).map(Object::toString)
                    .collect(Collectors.joining(", "));
        }
        if (type == String.class || type == Character.class || type == char.class) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != void.class)) {
            return "a number";
        }
        if (type == UUID.class) {
            return "a UUID";
        }
        if (Temporal.class.isAssignableFrom(type)) {
            return "an RFC 3339 timestamp";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return "an object";
    }

    /** The dotted JSON path of the failure, such as {@code transport.args[2]}. */
    private static String path(JsonMappingException error) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : error.getPath()) {
            if (reference.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    private static String join(String path, String field) {
        return "body".equals(path) ? field : path + "." + field;
    }

    private static String at(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }
}
