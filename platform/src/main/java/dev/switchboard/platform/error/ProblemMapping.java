package dev.switchboard.platform.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.switchboard.model.api.ErrorCode;
import dev.switchboard.model.api.FieldError;
import dev.switchboard.model.api.Problem;
import dev.switchboard.platform.events.TransientFailures;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The one table from exceptions to DESIGN §6 problems, shared by every service. It is a pure function so that its
 * status table is unit-tested without a running application.
 */
public final class ProblemMapping {

    private ProblemMapping() {
    }

    /**
     * As {@link #map(Throwable, String)}, knowing the request's query: JAX-RS answers a query parameter it cannot
     * convert (a {@code limit} that is no number, a {@code tenantId} that is no UUID) with 404, as if the resource did
     * not exist. When the failed conversion names the value of a query parameter, the client gets a 400 naming that
     * parameter instead; a path segment that cannot be converted stays a 404, since no resource has that name.
     */
    public static MappedProblem map(Throwable error, String instance, Map<String, List<String>> query) {
        if (error instanceof NotFoundException && error.getCause() != null) {
            String failure = String.valueOf(error.getCause().getMessage());
            // The longest value the message quotes names the parameter: "1" is in "For input string: \"1x\"" too.
            Optional<String> parameter = query.entrySet().stream()
                    .flatMap(entry -> entry.getValue().stream().filter(failure::contains)
                            .map(value -> Map.entry(entry.getKey(), value)))
                    .max(Comparator.comparingInt((Map.Entry<String, String> quoted) -> quoted.getValue().length())
                            .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
                    .map(Map.Entry::getKey);
            if (parameter.isPresent()) {
                return client(Problem.of(ErrorCode.VALIDATION_ERROR, "1 field is invalid", instance,
                        List.of(new FieldError(parameter.get(), "is not a value of the expected type"))), Map.of());
            }
        }
        return map(error, instance);
    }

    public static MappedProblem map(Throwable error, String instance) {
        if (error instanceof ApiException api) {
            return client(Problem.of(api.code(), api.getMessage(), instance, api.errors()), api.headers());
        }
        if (error instanceof ConstraintViolationException violations) {
            return fromViolations(violations, instance);
        }
        if (error instanceof JsonProcessingException json) {
            if (json.getCause() instanceof ApiException stoppedTheRead) {
                // The body's own stream stopped the parser (the body limit): its problem, not a malformed body.
                return map(stoppedTheRead, instance);
            }
            FieldError fieldError = JsonErrors.describe(json);
            return client(Problem.of(ErrorCode.VALIDATION_ERROR, "the request body could not be read", instance,
                    List.of(fieldError)), Map.of());
        }
        if (error instanceof AuthenticationFailedException || error instanceof AuthenticationCompletionException
                || error instanceof UnauthorizedException) {
            return client(Problem.of(ErrorCode.UNAUTHORIZED, "missing or invalid credentials", instance, null),
                    Map.of(HttpHeaders.WWW_AUTHENTICATE, "Bearer"));
        }
        if (error instanceof ForbiddenException) {
            return client(Problem.of(ErrorCode.FORBIDDEN, "this role may not do that", instance, null), Map.of());
        }
        if (error instanceof WebApplicationException web && web.getResponse().getStatus() < 500) {
            return fromHttpStatus(web.getResponse().getStatus(), web, instance);
        }
        if (TransientFailures.isTransient(error)) {
            // A deadlock, a serialization failure or a database or broker away for a moment: nothing was changed,
            // and the same request is likely to succeed shortly.
            return client(Problem.of(ErrorCode.SERVICE_UNAVAILABLE, "the request met a passing failure and changed "
                    + "nothing; try it again", instance, null), Map.of(HttpHeaders.RETRY_AFTER, "1"));
        }
        return bug(instance);
    }

    /** The code for an HTTP client-error status raised by the framework, such as an unknown route. */
    static ErrorCode codeFor(int status) {
        return switch (status) {
            case 401 -> ErrorCode.UNAUTHORIZED;
            case 403 -> ErrorCode.FORBIDDEN;
            case 404 -> ErrorCode.NOT_FOUND;
            case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
            case 406 -> ErrorCode.NOT_ACCEPTABLE;
            case 409 -> ErrorCode.CONFLICT;
            case 413 -> ErrorCode.PAYLOAD_TOO_LARGE;
            case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
            case 429 -> ErrorCode.RATE_LIMITED;
            default -> ErrorCode.VALIDATION_ERROR;
        };
    }

    private static MappedProblem fromHttpStatus(int status, WebApplicationException error, String instance) {
        ErrorCode code = codeFor(status);
        String detail = switch (code) {
            case NOT_FOUND -> "nothing at " + instance;
            case METHOD_NOT_ALLOWED -> "this method is not allowed on " + instance;
            case UNSUPPORTED_MEDIA_TYPE -> "send the body as application/json";
            case NOT_ACCEPTABLE -> "this resource answers none of the media types the Accept header names";
            case PAYLOAD_TOO_LARGE -> "the request body is over the configured limit";
            default -> "the request could not be processed";
        };
        String allow = error.getResponse().getHeaderString(HttpHeaders.ALLOW);
        return client(Problem.of(code, detail, instance, null), allow == null ? Map.of() : Map.of(HttpHeaders.ALLOW, allow));
    }

    private static MappedProblem fromViolations(ConstraintViolationException violations, String instance) {
        boolean returnValue = violations.getConstraintViolations().stream()
                .anyMatch(violation -> lastKind(violation.getPropertyPath()) == ElementKind.RETURN_VALUE);
        if (returnValue) {
            return bug(instance);
        }
        List<FieldError> errors = fieldErrors(violations.getConstraintViolations());
        String detail = errors.size() == 1 ? "1 field is invalid" : errors.size() + " fields are invalid";
        return client(Problem.of(ErrorCode.VALIDATION_ERROR, detail, instance, errors), Map.of());
    }

    /** One error per violation, in the client's field names, sorted so that answers are stable. */
    public static List<FieldError> fieldErrors(Collection<? extends ConstraintViolation<?>> violations) {
        return violations.stream()
                .map(violation -> new FieldError(fieldPath(violation), violation.getMessage()))
                .sorted(Comparator.comparing(FieldError::field).thenComparing(FieldError::message))
                .toList();
    }

    /**
     * The client's name for a violated field: the body's JSON path ({@code transport.url}) or the query or path
     * parameter name, without the Java method and parameter names in front of it.
     */
    static String fieldPath(ConstraintViolation<?> violation) {
        StringBuilder field = new StringBuilder();
        boolean bodyParameter = false;
        for (Path.Node node : violation.getPropertyPath()) {
            switch (node.getKind()) {
                case METHOD, CONSTRUCTOR, CROSS_PARAMETER, RETURN_VALUE -> {
                    // The Java method is not the client's concern.
                }
                case PARAMETER -> {
                    field.setLength(0);
                    field.append(node.getName());
                    bodyParameter = true;
                }
                case CONTAINER_ELEMENT, PROPERTY, BEAN -> {
                    if (bodyParameter) {
                        // The first property below a body parameter replaces the parameter's Java name.
                        field.setLength(0);
                        bodyParameter = false;
                    }
                    appendNode(field, node);
                }
            }
        }
        return field.isEmpty() ? "body" : field.toString();
    }

    private static void appendNode(StringBuilder field, Path.Node node) {
        if (node.getIndex() != null) {
            field.append('[').append(node.getIndex()).append(']');
        } else if (node.getKey() != null) {
            field.append('[').append(node.getKey()).append(']');
        }
        if (node.getName() != null && !node.getName().startsWith("<")) {
            if (!field.isEmpty()) {
                field.append('.');
            }
            field.append(node.getName());
        }
    }

    private static ElementKind lastKind(Path path) {
        ElementKind kind = null;
        for (Path.Node node : path) {
            kind = node.getKind();
        }
        return kind;
    }

    private static MappedProblem client(Problem problem, Map<String, String> headers) {
        return new MappedProblem(problem, headers, false);
    }

    private static MappedProblem bug(String instance) {
        String correlationId = UUID.randomUUID().toString();
        Problem problem = Problem.of(ErrorCode.INTERNAL_ERROR,
                "an unexpected error occurred; quote correlation id " + correlationId, instance, null)
                .withCorrelationId(correlationId);
        return new MappedProblem(problem, Map.of(), true);
    }
}
