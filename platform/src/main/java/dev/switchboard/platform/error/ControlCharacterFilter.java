package dev.switchboard.platform.error;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Answers a NUL character in the path or a query parameter with a 400 before any code sees it: no client means one,
 * and PostgreSQL, among others, refuses it in text with an error that would otherwise surface as a 500.
 */
public class ControlCharacterFilter {

    private static final char NUL = '\u0000';

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> refuseNulCharacters(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (path.indexOf(NUL) >= 0) {
            return refuse("path", request);
        }
        MultivaluedMap<String, String> query = request.getUriInfo().getQueryParameters();
        for (Map.Entry<String, List<String>> parameter : query.entrySet()) {
            if (parameter.getKey().indexOf(NUL) >= 0 || parameter.getValue().stream().anyMatch(value -> value.indexOf(NUL) >= 0)) {
                return refuse(parameter.getKey().replace(NUL, '?'), request);
            }
        }
        return Optional.empty();
    }

    private static Optional<Response> refuse(String field, ContainerRequestContext request) {
        ApiException invalid = ApiException.invalid(field, "must not contain a NUL character");
        return Optional.of(ProblemExceptionMappers.toResponse(ProblemMapping.map(invalid, request.getUriInfo().getPath()
                .replace(NUL, '?'))));
    }
}
