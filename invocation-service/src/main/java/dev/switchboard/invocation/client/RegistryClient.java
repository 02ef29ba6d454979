package dev.switchboard.invocation.client;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.invocation.config.InvocationConfig;
import dev.switchboard.model.server.ServerDefinition;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * The registry's internal API, with a token for this service's key, renewed shortly before it expires and once
 * more when the registry answers 401. Reads are lenient about fields added later (DESIGN §3: changes are additive).
 */
@ApplicationScoped
public class RegistryClient {


    private final HttpClient http;
    private final InvocationConfig.Registry config;
    private final ObjectMapper json;
    private String token;
    private Instant tokenRenewAt = Instant.MIN;

    public RegistryClient(InvocationConfig config, ObjectMapper json) {
        this.config = config.registry();
        this.http = HttpClient.newBuilder().connectTimeout(this.config.requestTimeout()).build();
        this.json = json.copy().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }

    /** Every live server, secrets in clear. */
    public List<ServerDefinition> servers() {
        return pages("/internal/servers", node -> read(node, ServerDefinition.class));
    }

    /** One live server; empty when the registry does not know it, or it is deleted. */
    public Optional<ServerDefinition> server(UUID id) {
        HttpResponse<String> response = get("/internal/servers/" + id);
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        return Optional.of(read(data(response), ServerDefinition.class));
    }

    /** Every tenant with the global servers it enabled, by id or name. */
    public List<TenantSettings> tenants() {
        return pages("/internal/tenants", node -> {
            List<String> enabled = new ArrayList<>();
            node.path("settings").path("enabledMcpServers").forEach(item -> enabled.add(item.asText()));
            return new TenantSettings(UUID.fromString(node.get("id").asText()), enabled);
        });
    }

    private <T> List<T> pages(String path, Function<JsonNode, T> reader) {
        List<T> all = new ArrayList<>();
        int offset = 0;
        while (true) {
            JsonNode page = data(get(path + "?limit=" + config.pageSize() + "&offset=" + offset));
            page.path("items").forEach(item -> all.add(reader.apply(item)));
            offset += config.pageSize();
            if (offset >= page.path("total").asLong()) {
                return all;
            }
        }
    }

    private HttpResponse<String> get(String path) {
        HttpResponse<String> response = send(path, token(false));
        if (response.statusCode() == 401) {
            response = send(path, token(true));
        }
        if (response.statusCode() != 200 && response.statusCode() != 404) {
            throw new RegistryUnavailableException("The registry answered " + response.statusCode() + " for " + path, null);
        }
        return response;
    }

    private HttpResponse<String> send(String path, String bearer) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(config.url() + path)).timeout(config.requestTimeout())
                .header("Authorization", "Bearer " + bearer).header("Accept", "application/json").GET().build();
        return exchange(request);
    }

    private synchronized String token(boolean renew) {
        if (!renew && token != null && Instant.now().isBefore(tokenRenewAt)) {
            return token;
        }
        String key = config.serviceKey().orElseThrow(() -> new RegistryUnavailableException(
                "switchboard.invocation.registry.service-key (SWITCHBOARD_SERVICE_KEY) is not set", null));
        HttpResponse<String> response = exchange(HttpRequest.newBuilder(URI.create(config.url() + "/auth/token"))
                .timeout(config.requestTimeout()).header("X-API-Key", key).POST(HttpRequest.BodyPublishers.noBody()).build());
        if (response.statusCode() != 200) {
            throw new RegistryUnavailableException("The registry refused this service's key: " + response.statusCode(), null);
        }
        JsonNode issued = data(response);
        token = issued.get("accessToken").asText();
        tokenRenewAt = Instant.now().plusSeconds(Math.max(issued.path("expiresIn").asLong(60) - 30, 5));
        return token;
    }

    private HttpResponse<String> exchange(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new RegistryUnavailableException("The registry at " + config.url() + " cannot be reached", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryUnavailableException("Interrupted while asking the registry", e);
        }
    }

    private JsonNode data(HttpResponse<String> response) {
        try {
            return json.readTree(response.body()).path("data");
        } catch (IOException e) {
            throw new RegistryUnavailableException("The registry answered something that is not JSON", e);
        }
    }

    private <T> T read(JsonNode node, Class<T> type) {
        try {
            return json.treeToValue(node, type);
        } catch (IOException e) {
            throw new RegistryUnavailableException("The registry answered a " + type.getSimpleName() + " this service cannot read", e);
        }
    }
}
