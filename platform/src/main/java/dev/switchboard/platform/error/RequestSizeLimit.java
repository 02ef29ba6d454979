package dev.switchboard.platform.error;

import dev.switchboard.model.api.ErrorCode;
import jakarta.inject.Provider;
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

    /** Asked for at request time: the REST layer builds its filters before runtime configuration exists. */
    private final Provider<HttpLimits> limits;

    public RequestSizeLimit(Provider<HttpLimits> limits) {
        this.limits = limits;
    }

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> refuseOversizedBodies(ContainerRequestContext request) {
        long maxBodyBytes = limits.get().maxBodyBytes();
        if (request.getLength() <= maxBodyBytes) {
            return Optional.empty();
        }
        ApiException tooLarge = new ApiException(ErrorCode.PAYLOAD_TOO_LARGE,
                "the request body is over the limit of " + maxBodyBytes + " bytes");
        return Optional.of(ProblemExceptionMappers.toResponse(
                ProblemMapping.map(tooLarge, request.getUriInfo().getPath())));
    }
}
