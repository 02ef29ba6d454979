package dev.switchboard.invocation;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.testsupport.TestTokens;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/** Steps against the real registry that runs beside these tests, and waits for their effect here. */
public final class Registry {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Registry() {
    }

    public static String url() {
        return RegistryTestResource.url();
    }

    /** @return the new server's id */
    public static String createServer(String json) {
        return given().baseUri(url()).auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(json)
                .post("/api/servers").then().statusCode(201).extract().path("data.id");
    }

    public static void patchServer(String id, String patch) {
        given().baseUri(url()).auth().oauth2(TestTokens.admin()).contentType("application/merge-patch+json").body(patch)
                .patch("/api/servers/{id}", id).then().statusCode(200);
    }

    public static void deleteServer(String id) {
        given().baseUri(url()).auth().oauth2(TestTokens.admin()).delete("/api/servers/{id}", id).then().statusCode(204);
    }

    /** @return the new tenant's id; it sees the global servers named in {@code enabledServers} */
    public static String createTenant(String name, String... enabledServers) {
        Map<String, Object> tenant = Map.of("name", name, "settings", Map.of("enabledMcpServers", List.of(enabledServers)));
        return given().baseUri(url()).auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(tenant)
                .post("/api/tenants").then().statusCode(201).extract().path("data.id");
    }

    /** Sets which global servers, by name, the tenant's keys see. */
    public static void enableGlobals(String tenantId, String... enabledServers) {
        Map<String, Object> patch = Map.of("settings", Map.of("enabledMcpServers", List.of(enabledServers)));
        given().baseUri(url()).auth().oauth2(TestTokens.admin()).contentType("application/merge-patch+json").body(patch)
                .patch("/api/tenants/{id}", tenantId).then().statusCode(200);
    }

    /** A key as created: its id, and the key itself, shown once. */
    public record Key(String id, String secret) {
    }

    public static Key createKey(String role, String tenantId, List<String> toolPatterns) {
        return createKey(role, tenantId, toolPatterns, null);
    }

    /** @param rateLimits the key's own {@code requestsPerMinute} and {@code requestsPerDay}, or null for none */
    public static Key createKey(String role, String tenantId, List<String> toolPatterns, Map<String, Integer> rateLimits) {
        Map<String, Object> key = new LinkedHashMap<>();
        key.put("name", uniqueName("key"));
        key.put("role", role);
        key.put("tenantId", tenantId);
        key.put("tools", toolPatterns);
        key.put("rateLimits", rateLimits);
        // Only a stored key may create keys, so this one is created with the registry's bootstrap admin key.
        var created = given().baseUri(url()).header("X-API-Key", RegistryTestResource.ADMIN_KEY).contentType(ContentType.JSON)
                .body(key).post("/api/keys").then().statusCode(201).extract().jsonPath();
        return new Key(created.getString("data.id"), created.getString("data.key"));
    }

    public static void revokeKey(String id) {
        given().baseUri(url()).header("X-API-Key", RegistryTestResource.ADMIN_KEY).delete("/api/keys/{id}", id)
                .then().statusCode(204);
    }

    public static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Waits until this service reports the server in {@code state}. */
    public static void awaitState(String serverId, String state) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() ->
                state.equals(given().auth().oauth2(TestTokens.admin()).get("/api/connections/{id}", serverId)
                        .then().extract().path("data.state")));
    }

    public static String stdioEverything(String name) {
        return stdioNode(name, Map.of(), McpTestServers.EVERYTHING, "stdio");
    }

    /** A stdio server that {@code node} runs from {@code args}, with {@code env} as its environment. */
    public static String stdioNode(String name, Map<String, String> env, Object... args) {
        Map<String, Object> transport = new LinkedHashMap<>();
        transport.put("type", "stdio");
        transport.put("command", "node");
        transport.put("args", Stream.of(args).map(String::valueOf).toList());
        if (!env.isEmpty()) {
            transport.put("env", env);
        }
        Map<String, Object> server = new LinkedHashMap<>();
        server.put("name", name);
        server.put("transport", transport);
        try {
            return JSON.writeValueAsString(server);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public static String remote(String name, String type, String url) {
        return "{\"name\":\"" + name + "\",\"transport\":{\"type\":\"" + type + "\",\"url\":\"" + url + "\"}}";
    }
}
