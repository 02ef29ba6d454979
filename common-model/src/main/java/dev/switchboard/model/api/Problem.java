package dev.switchboard.model.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The error body of DESIGN §6: RFC 9457 problem details ({@code application/problem+json}) with the extension members
 * {@code code}, {@code success}, {@code timestamp}, {@code errors} and, for internal errors, {@code correlationId}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
        String type,
        String title,
        int status,
        String detail,
        String instance,
        ErrorCode code,
        boolean success,
        Instant timestamp,
        List<FieldError> errors,
        String correlationId) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "urn:switchboard:problem:";

    public Problem {
        errors = errors == null || errors.isEmpty() ? null : List.copyOf(errors);
    }

    public static Problem of(ErrorCode code, String detail, String instance, List<FieldError> errors) {
        return new Problem(typeUri(code), code.title(), code.status(), detail, instance, code, false, Instant.now(),
                errors, null);
    }

    public Problem withCorrelationId(String id) {
        return new Problem(type, title, status, detail, instance, code, success, timestamp, errors, id);
    }

    /** A stable URI per code, so that RFC 9457 clients can tell problems apart by {@code type} as well. */
    public static String typeUri(ErrorCode code) {
        return TYPE_BASE + code.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
