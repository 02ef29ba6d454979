package dev.switchboard.invocation.client;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.model.api.ApiResponse;
import io.quarkus.rest.client.reactive.jackson.ClientObjectMapper;
import io.quarkus.runtime.annotations.RegisterForReflection;
import dev.switchboard.model.api.PageResult;
import dev.switchboard.model.registry.TenantView;
import dev.switchboard.model.server.ServerDefinition;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The registry's internal API and its token endpoint, as this service calls them. The address and both timeouts are
 * {@code quarkus.rest-client.registry.*} settings ({@code connect-timeout}, and {@code read-timeout}, which ends an
 * attempt the registry accepted but does not answer); an attempt that fails on the way, for either reason or any
 * other, is tried again twice, since every one of these calls is safe to repeat. An answer other than 2xx is a
 * {@link jakarta.ws.rs.WebApplicationException} with its status.
 */
@RegisterRestClient(configKey = "registry")
@Produces(MediaType.APPLICATION_JSON)
@Retry(maxRetries = 2, delay = 200, retryOn = jakarta.ws.rs.ProcessingException.class)
public interface RegistryApi {

    /** Every live server, secrets in clear (role {@code service} only). */
    @GET
    @Path("/internal/servers")
    ApiResponse<PageResult<ServerDefinition>> servers(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer,
                                                      @QueryParam("limit") int limit, @QueryParam("offset") int offset);

    /** One live server; 404 when the registry does not know it, or it is deleted. */
    @GET
    @Path("/internal/servers/{id}")
    ApiResponse<ServerDefinition> server(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer, @PathParam("id") UUID id);

    @GET
    @Path("/internal/tenants")
    ApiResponse<PageResult<TenantView>> tenants(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer,
                                                @QueryParam("limit") int limit, @QueryParam("offset") int offset);

    /** A token for this service's own key. */
    @POST
    @Path("/auth/token")
    ApiResponse<IssuedToken> token(@HeaderParam("X-API-Key") String serviceKey);

    /** Reads are lenient about fields added later (DESIGN §3: changes are additive), unlike request bodies. */
    @ClientObjectMapper
    static ObjectMapper objectMapper(ObjectMapper strict) {
        return strict.copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** What this service reads of {@code /auth/token}'s answer. */
    @RegisterForReflection
    record IssuedToken(String accessToken, long expiresIn) {
    }
}
