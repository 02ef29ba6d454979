package dev.switchboard.registry.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.model.api.ApiResponse;
import dev.switchboard.platform.json.OptionalBody;
import dev.switchboard.registry.api.TokenRequest;
import dev.switchboard.registry.api.TokenResponse;
import dev.switchboard.registry.service.TokenService;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirementsSet;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/auth/token")
@Tag(name = "Tokens")
@PermitAll
// No token is needed to get one: the API key, in the body or the X-API-Key header, is the credential.
@SecurityRequirementsSet
public class TokenResource {

    private final TokenService tokens;
    private final ObjectMapper json;

    public TokenResource(TokenService tokens, ObjectMapper json) {
        this.tokens = tokens;
        this.json = json;
    }

    /** The body is optional, so that a client may send only the header; it is read here rather than bound. */
    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Exchange an API key (body apiKey, or the X-API-Key header) for a short-lived RS256 token")
    @RequestBody(required = false, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = TokenRequest.class)))
    public ApiResponse<TokenResponse> token(@HeaderParam("X-API-Key") String headerKey, String body,
                                            @Context HttpServerRequest request) {
        String bodyKey = OptionalBody.read(json, body, TokenRequest.class).map(TokenRequest::apiKey).orElse(null);
        String clientAddress = request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
        return ApiResponse.of(tokens.issue(bodyKey != null ? bodyKey : headerKey, clientAddress));
    }
}
