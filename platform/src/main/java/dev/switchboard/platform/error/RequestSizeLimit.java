package dev.switchboard.platform.error;

import dev.switchboard.model.api.ErrorCode;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import jakarta.inject.Singleton;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;
import org.jboss.resteasy.reactive.server.spi.ServerHttpRequest;

/**
 * Holds every request body to {@code switchboard.http.max-body-bytes} with a 413 problem. A body that declares a
 * length over it is refused before matching, unread. One that declares none (chunked) is counted as it is read, after
 * matching, so that a path or method that does not exist is still answered 404 or 405: for a blocking resource, on
 * its worker thread as the resource reads it; for a non-blocking one, read here on the event loop as the REST layer
 * would read it, and handed to the resource whole. Filters and not a reader interceptor, because any reader
 * interceptor makes the REST layer look up the body parameter's annotations by reflection and skip its direct JSON
 * reader on every request. The HTTP layer's own ceiling, which answers without a body, is set well above it.
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
        return request.getLength() <= maxBodyBytes ? Optional.empty() : Optional.of(problem(request, maxBodyBytes));
    }

    /** @return {@code null} when the REST layer may read the body as usual, as its filter contract allows */
    @ServerRequestFilter
    public Uni<Response> limitUndeclaredBodies(ResteasyReactiveContainerRequestContext request) {
        if (request.getLength() >= 0 || HttpMethod.GET.equals(request.getMethod()) || HttpMethod.HEAD.equals(request.getMethod())) {
            return null;
        }
        long maxBodyBytes = limit.maxBodyBytes();
        if (!Context.isOnEventLoopThread()) {
            request.setEntityStream(new LimitedInputStream(request.getEntityStream(), maxBodyBytes));
            return null;
        }
        return Uni.createFrom().emitter(answer -> new UndeclaredBody(request, maxBodyBytes, answer).read());
    }

    static ApiException tooLarge(long maxBodyBytes) {
        return new ApiException(ErrorCode.PAYLOAD_TOO_LARGE, "the request body is over the limit of " + maxBodyBytes + " bytes");
    }

    private static Response problem(ContainerRequestContext request, long maxBodyBytes) {
        return ProblemExceptionMappers.toResponse(ProblemMapping.map(tooLarge(maxBodyBytes), request.getUriInfo().getPath()));
    }

    /** Reads a body of unknown length on the event loop, as the REST layer's own input handler would, with a count. */
    private static final class UndeclaredBody implements ServerHttpRequest.ReadCallback {

        private final ResteasyReactiveContainerRequestContext request;
        private final ServerHttpRequest http;
        private final long maxBodyBytes;
        private final UniEmitter<? super Response> answer;
        private final List<ByteBuffer> chunks = new ArrayList<>();
        private long received;
        private boolean refused;

        UndeclaredBody(ResteasyReactiveContainerRequestContext request, long maxBodyBytes,
                       UniEmitter<? super Response> answer) {
            this.request = request;
            this.http = ((ResteasyReactiveRequestContext) request.getServerRequestContext()).serverRequest();
            this.maxBodyBytes = maxBodyBytes;
            this.answer = answer;
        }

        void read() {
            if (http.isRequestEnded()) {
                http.resumeRequestInput();
                done();
                return;
            }
            http.setReadListener(this);
            http.resumeRequestInput();
        }

        @Override
        public void data(ByteBuffer chunk) {
            if (refused) {
                return;
            }
            received += chunk.remaining();
            if (received > maxBodyBytes) {
                refused = true;
                chunks.clear();
                answer.complete(problem(request, maxBodyBytes));
                return;
            }
            chunks.add(chunk);
        }

        @Override
        public void done() {
            if (refused) {
                return;
            }
            byte[] body = new byte[(int) received];
            int filled = 0;
            for (ByteBuffer chunk : chunks) {
                int length = chunk.remaining();
                chunk.get(body, filled, length);
                filled += length;
            }
            request.setEntityStream(new ByteArrayInputStream(body));
            answer.complete(null);
        }
    }
}
