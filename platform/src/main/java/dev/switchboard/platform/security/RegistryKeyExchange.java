package dev.switchboard.platform.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.model.api.ErrorCode;
import dev.switchboard.platform.error.ApiException;
import io.quarkus.arc.DefaultBean;
import io.quarkus.security.AuthenticationFailedException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** Asks the registry's {@code POST /auth/token}, as any client would; the registry holds the keys' hashes. */
@DefaultBean
@ApplicationScoped
public class RegistryKeyExchange implements KeyExchange {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final URI tokenUrl;
    private final ObjectMapper json;

    public RegistryKeyExchange(SecurityConfig config, ObjectMapper json) {
        this.tokenUrl = URI.create(config.registryUrl().replaceAll("/+$", "") + "/auth/token");
        this.json = json;
    }

    @Override
    public Uni<Exchanged> exchange(String apiKey, String clientAddress) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(tokenUrl).timeout(TIMEOUT).header("X-API-Key", apiKey)
                .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.noBody());
        // The registry limits token requests per client; it trusts this header from the addresses it is told to.
        if (clientAddress != null) {
            builder.header("X-Forwarded-For", clientAddress);
        }
        HttpRequest request = builder.build();
        return Uni.createFrom().completionStage(() -> http.sendAsync(request, HttpResponse.BodyHandlers.ofString()))
                .onFailure(failure -> !(failure instanceof AuthenticationFailedException || failure instanceof ApiException))
                .transform(failure -> unavailable(failure.getMessage()))
                .map(this::read);
    }

    /** The registry could not be asked: the client may try again, so a 503 rather than a 401. */
    private static ApiException unavailable(String reason) {
        return new ApiException(ErrorCode.SERVICE_UNAVAILABLE, "API keys cannot be checked right now: " + reason)
                .withHeaders(Map.of("Retry-After", "5"));
    }

    private Exchanged read(HttpResponse<String> response) {
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            throw new AuthenticationFailedException("the API key is unknown, expired or revoked");
        }
        if (response.statusCode() == 429) {
            throw new ApiException(ErrorCode.RATE_LIMITED, "too many requests for a token with this API key or from "
                    + "this address; retry later").withHeaders(Map.of("Retry-After",
                    response.headers().firstValue("Retry-After").orElse("60")));
        }
        if (response.statusCode() != 200) {
            throw unavailable("the registry answered " + response.statusCode());
        }
        try {
            JsonNode data = json.readTree(response.body()).path("data");
            return new Exchanged(data.path("accessToken").asText(),
                    Instant.now().getEpochSecond() + data.path("expiresIn").asLong());
        } catch (IOException e) {
            throw unavailable("the registry's answer could not be read");
        }
    }
}
