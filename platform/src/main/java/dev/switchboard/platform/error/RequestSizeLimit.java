package dev.switchboard.platform.error;

import dev.switchboard.model.api.ErrorCode;
import jakarta.inject.Singleton;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Answers a request whose declared body is over {@code switchboard.http.max-body-bytes} with a 413 problem before
 * the body is read. The HTTP layer's own ceiling, which answers without a body, is set well above it.
 */
@Singleton
public class RequestSizeLimit {

    private final BodyLimit limit;

    public RequestSizeLimit(BodyLimit limit) {
        this.limit = limit;
    }

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> refuseOversizedBodies(ContainerRequestContext request) {
        long maxBodyBytes = limit.maxBodyBytes();
        if (request.getLength() <= maxBodyBytes) {
            return Optional.empty();
        }
        ApiException tooLarge = new ApiException(ErrorCode.PAYLOAD_TOO_LARGE,
                "the request body is over the limit of " + maxBodyBytes + " bytes");
        return Optional.of(ProblemExceptionMappers.toResponse(
                ProblemMapping.map(tooLarge, request.getUriInfo().getPath())));
    }
}
