package dev.switchboard.platform.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.model.api.ErrorCode;
import dev.switchboard.model.api.FieldError;
import dev.switchboard.model.api.Problem;
import dev.switchboard.model.transport.TransportConfig;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Valid;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ProblemMappingTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Validator VALIDATOR = Validation.byDefaultProvider().configure()
            .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory().getValidator();

    @Test
    void namesTheQueryParameterThatCouldNotBeConvertedInsteadOfAnsweringNotFound() {
        NotFoundException unconvertible = new NotFoundException(new NumberFormatException("For input string: \"1x\""));
        MappedProblem mapped = ProblemMapping.map(unconvertible, "/api/servers",
                Map.of("offset", List.of("1"), "limit", List.of("1x"), "search", List.of("")));
        assertEquals(400, mapped.problem().status());
        assertEquals(ErrorCode.VALIDATION_ERROR, mapped.problem().code());
        assertEquals(List.of("limit"), mapped.problem().errors().stream().map(FieldError::field).toList());
    }

    @Test
    void leavesAPathSegmentThatCouldNotBeConvertedNotFound() {
        NotFoundException unconvertible = new NotFoundException(new IllegalArgumentException("Invalid UUID string: nope"));
        MappedProblem mapped = ProblemMapping.map(unconvertible, "/api/groups/nope", Map.of("limit", List.of("5")));
        assertEquals(404, mapped.problem().status());
    }

    static Stream<Arguments> statusTable() {
        return Stream.of(
                Arguments.of(ApiException.invalid("name", "must not be blank"), 400, ErrorCode.VALIDATION_ERROR),
                Arguments.of(new ApiException(ErrorCode.UNAUTHORIZED, "x"), 401, ErrorCode.UNAUTHORIZED),
                Arguments.of(ApiException.forbidden("x"), 403, ErrorCode.FORBIDDEN),
                Arguments.of(ApiException.notFound("server", "s-1"), 404, ErrorCode.NOT_FOUND),
                Arguments.of(ApiException.conflict("x"), 409, ErrorCode.CONFLICT),
                Arguments.of(new ApiException(ErrorCode.PAYLOAD_TOO_LARGE, "x"), 413, ErrorCode.PAYLOAD_TOO_LARGE),
                Arguments.of(new ApiException(ErrorCode.RATE_LIMITED, "x"), 429, ErrorCode.RATE_LIMITED),
                Arguments.of(new ApiException(ErrorCode.UPSTREAM_ERROR, "x"), 502, ErrorCode.UPSTREAM_ERROR),
                Arguments.of(new ApiException(ErrorCode.SERVER_DISCONNECTED, "x"), 503, ErrorCode.SERVER_DISCONNECTED),
                Arguments.of(new ApiException(ErrorCode.CIRCUIT_OPEN, "x"), 503, ErrorCode.CIRCUIT_OPEN),
                Arguments.of(new ApiException(ErrorCode.TIMEOUT, "x"), 504, ErrorCode.TIMEOUT),
                Arguments.of(new AuthenticationFailedException(), 401, ErrorCode.UNAUTHORIZED),
                Arguments.of(new UnauthorizedException(), 401, ErrorCode.UNAUTHORIZED),
                Arguments.of(new ForbiddenException(), 403, ErrorCode.FORBIDDEN),
                Arguments.of(new NotFoundException(), 404, ErrorCode.NOT_FOUND),
                Arguments.of(new NotAllowedException("GET"), 405, ErrorCode.METHOD_NOT_ALLOWED),
                Arguments.of(new NotSupportedException(), 415, ErrorCode.UNSUPPORTED_MEDIA_TYPE),
                Arguments.of(new WebApplicationException(413), 413, ErrorCode.PAYLOAD_TOO_LARGE),
                Arguments.of(JsonMappingException.wrapWithPath(new ApiException(ErrorCode.PAYLOAD_TOO_LARGE, "x"), "body", "description"),
                        413, ErrorCode.PAYLOAD_TOO_LARGE),
                Arguments.of(new WebApplicationException(Response.Status.BAD_REQUEST), 400, ErrorCode.VALIDATION_ERROR),
                Arguments.of(new WebApplicationException(Response.Status.SERVICE_UNAVAILABLE), 500, ErrorCode.INTERNAL_ERROR),
                Arguments.of(new IllegalStateException("boom"), 500, ErrorCode.INTERNAL_ERROR),
                Arguments.of(statementFailed("40P01"), 503, ErrorCode.SERVICE_UNAVAILABLE),
                Arguments.of(statementFailed("23505"), 500, ErrorCode.INTERNAL_ERROR),
                Arguments.of(new NullPointerException(), 500, ErrorCode.INTERNAL_ERROR));
    }

    /** As Hibernate reports a statement PostgreSQL refused with {@code sqlState}. */
    private static RuntimeException statementFailed(String sqlState) {
        return new IllegalStateException("could not execute statement", new SQLException("refused", sqlState));
    }

    @ParameterizedTest
    @MethodSource("statusTable")
    void mapsEachFailureToItsStatusAndCode(Throwable error, int status, ErrorCode code) {
        Problem problem = ProblemMapping.map(error, "/api/servers").problem();

        assertEquals(status, problem.status());
        assertEquals(code, problem.code());
        assertEquals(code.status(), problem.status(), "a code always travels with its own status");
        assertFalse(problem.success());
        assertEquals("/api/servers", problem.instance());
        assertNotNull(problem.timestamp());
    }

    @Test
    void hidesInternalErrorsBehindACorrelationId() {
        MappedProblem mapped = ProblemMapping.map(new IllegalStateException("secret table name"), "/x");

        assertTrue(mapped.isBug());
        assertNotNull(mapped.problem().correlationId());
        assertFalse(mapped.problem().detail().contains("secret"));
        assertTrue(mapped.problem().detail().contains(mapped.problem().correlationId()));
    }

    @Test
    void asksForBearerCredentialsOnUnauthorized() {
        assertEquals(Map.of("WWW-Authenticate", "Bearer"),
                ProblemMapping.map(new AuthenticationFailedException(), "/x").headers());
    }

    @Test
    void carriesApiExceptionHeadersSuchAsRetryAfter() {
        ApiException open = new ApiException(ErrorCode.CIRCUIT_OPEN, "circuit open", List.of(), Map.of("Retry-After", "30"));
        assertEquals(Map.of("Retry-After", "30"), ProblemMapping.map(open, "/x").headers());
    }

    @Test
    void explainsMalformedJsonWithItsPosition() {
        List<FieldError> errors = readError("{\"name\": ", Map.class);
        assertEquals("body", errors.get(0).field());
        assertTrue(errors.get(0).message().startsWith("malformed JSON at line 1"), errors.get(0).message());
    }

    @Test
    void namesTheFieldOfAWrongType() {
        assertEquals(List.of(new FieldError("limit", "must be a number")), readError("{\"limit\":\"ten\"}", Page.class));
        assertEquals(List.of(new FieldError("tags", "must be an array")), readError("{\"tags\":\"a\"}", Page.class));
    }

    @Test
    void namesAnUnknownTransportTypeAndTheKnownOnes() {
        List<FieldError> errors = readError("{\"transport\":{\"type\":\"smoke-signal\"}}", Server.class);
        assertEquals(List.of(new FieldError("transport.type",
                "'smoke-signal' is not a known type; expected one of: stdio, sse, http, websocket")), errors);
    }

    @Test
    void namesAMissingTransportType() {
        List<FieldError> errors = readError("{\"transport\":{\"command\":\"npx\"}}", Server.class);
        assertEquals("transport.type", errors.get(0).field());
        assertTrue(errors.get(0).message().startsWith("is missing; expected one of: stdio"), errors.get(0).message());
    }

    @Test
    void reportsOneEntryPerInvalidFieldWithClientPaths() {
        Server server = new Server(" ", new dev.switchboard.model.transport.StdioTransport("", List.of(), Map.of()), 500);
        ConstraintViolationException violations = new ConstraintViolationException(VALIDATOR.validate(server));

        Problem problem = ProblemMapping.map(violations, "/api/servers").problem();

        assertEquals(List.of(
                new FieldError("limit", "must be less than or equal to 100"),
                new FieldError("name", "must not be blank"),
                new FieldError("transport.command", "must not be blank")), problem.errors());
        assertEquals("3 fields are invalid", problem.detail());
    }

    @Test
    void leavesErrorsOutOfNonValidationProblems() {
        assertNull(ProblemMapping.map(new NotFoundException(), "/x").problem().errors());
    }

    private static List<FieldError> readError(String json, Class<?> type) {
        try {
            MAPPER.readValue(json, type);
        } catch (Exception e) {
            return ProblemMapping.map(e, "/x").problem().errors();
        }
        throw new AssertionError("expected " + json + " to be rejected");
    }

    record Page(int limit, List<String> tags) {
    }

    record Server(@NotBlank String name, @NotNull @Valid TransportConfig transport, @Max(100) int limit) {
    }
}
