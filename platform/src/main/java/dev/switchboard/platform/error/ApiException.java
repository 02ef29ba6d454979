package dev.switchboard.platform.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.switchboard.model.api.ErrorCode;
import dev.switchboard.model.api.FieldError;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A failure a client can act on, carrying its DESIGN §6 code. Services throw it (or the factories below) from
 * their service layer; {@link ProblemMapping} turns it into the problem body.
 */
public class ApiException extends RuntimeException {

    private final ErrorCode code;
    private final List<FieldError> errors;
    private final Map<String, String> headers;

    public ApiException(ErrorCode code, String detail) {
        this(code, detail, List.of(), Map.of());
    }

    public ApiException(ErrorCode code, String detail, List<FieldError> errors, Map<String, String> headers) {
        super(detail, null, false, false);
        this.code = code;
        this.errors = List.copyOf(errors);
        this.headers = Map.copyOf(headers);
    }

    public static ApiException notFound(String resource, Object id) {
        return new ApiException(ErrorCode.NOT_FOUND, resource + " " + id + " not found");
    }

    public static ApiException conflict(String detail) {
        return new ApiException(ErrorCode.CONFLICT, detail);
    }

    public static ApiException forbidden(String detail) {
        return new ApiException(ErrorCode.FORBIDDEN, detail);
    }

    public static ApiException invalid(String field, String message) {
        return new ApiException(ErrorCode.VALIDATION_ERROR, "1 field is invalid",
                List.of(new FieldError(field, message)), Map.of());
    }

    public static ApiException invalid(List<FieldError> errors) {
        return new ApiException(ErrorCode.VALIDATION_ERROR,
                errors.size() == 1 ? "1 field is invalid" : errors.size() + " fields are invalid", errors, Map.of());
    }

    /** A document that Jackson could not bind, such as a merged patch, explained as the body's field errors. */
    public static ApiException unreadable(JsonProcessingException error) {
        return invalid(List.of(JsonErrors.describe(error)));
    }

    /** The same failure with more response headers, such as the rate-limit window a call was counted in. */
    public ApiException withHeaders(Map<String, String> more) {
        Map<String, String> merged = new HashMap<>(more);
        merged.putAll(headers);
        return new ApiException(code, getMessage(), errors, merged);
    }

    public ErrorCode code() {
        return code;
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** Extra response headers, such as {@code Retry-After}. */
    public Map<String, String> headers() {
        return headers;
    }
}
