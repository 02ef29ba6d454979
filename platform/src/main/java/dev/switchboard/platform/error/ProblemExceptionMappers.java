package dev.switchboard.platform.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.switchboard.model.api.Problem;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ValidationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Routes every exception that reaches the REST layer through {@link ProblemMapping}. Each type the framework has a
 * built-in mapper for is named here, so that ours wins over the built-in one.
 */
public class ProblemExceptionMappers {

    private static final Logger LOG = Logger.getLogger(ProblemExceptionMappers.class);

    @ServerExceptionMapper({
            ApiException.class, ValidationException.class, JsonProcessingException.class,
            MismatchedInputException.class, InvalidDefinitionException.class, WebApplicationException.class,
            AuthenticationFailedException.class, AuthenticationCompletionException.class,
            UnauthorizedException.class, ForbiddenException.class, Throwable.class})
    public Response toProblem(Throwable error, UriInfo uriInfo) {
        MappedProblem mapped = ProblemMapping.map(unwrap(error), uriInfo.getPath(), uriInfo.getQueryParameters());
        if (mapped.isBug()) {
            LOG.errorf(error, "Unexpected error on %s, correlation id %s", uriInfo.getPath(),
                    mapped.problem().correlationId());
        }
        return toResponse(mapped);
    }

    /** Writes a mapped problem as {@code application/problem+json} with its headers. */
    public static Response toResponse(MappedProblem mapped) {
        Response.ResponseBuilder response = Response.status(mapped.problem().status())
                .type(Problem.MEDIA_TYPE)
                .entity(mapped.problem());
        mapped.headers().forEach(response::header);
        return response.build();
    }

    /** Request body readers wrap Jackson's exception in a 400; the cause says what was wrong. */
    private static Throwable unwrap(Throwable error) {
        if (error instanceof WebApplicationException && error.getCause() instanceof JsonProcessingException json) {
            return json;
        }
        return error;
    }
}
