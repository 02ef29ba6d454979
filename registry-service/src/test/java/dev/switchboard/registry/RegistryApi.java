package dev.switchboard.registry;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.http.ContentType;
import java.util.Base64;
import java.util.UUID;

/** Steps that registry tests take through the real API, with real tokens from /auth/token. */
public final class RegistryApi {

    public static final String BOOTSTRAP_ADMIN_KEY = "sb_test-bootstrap-admin-key-5d2c8f1e9a7b";
    public static final String SERVICE_KEY = "sb_test-service-key-4e1b7c9d2a6f8e30";
    private static final ObjectMapper JSON = new ObjectMapper();

    private RegistryApi() {
    }

    public static String tokenFor(String apiKey) {
        return given().contentType(ContentType.JSON).body("{\"apiKey\":\"" + apiKey + "\"}")
                .post("/auth/token").then().statusCode(200).extract().path("data.accessToken");
    }

    public static String adminToken() {
        return tokenFor(BOOTSTRAP_ADMIN_KEY);
    }

    public static String serviceToken() {
        return tokenFor(SERVICE_KEY);
    }

    /** @return the new server's id */
    public static String createServer(String token, String json) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(json)
                .post("/api/servers").then().statusCode(201).extract().path("data.id");
    }

    /** A Streamable HTTP server at a public address, so that the outbound URL rules let it through. */
    public static String httpServer(String name) {
        return "{\"name\":\"" + name + "\",\"transport\":{\"type\":\"http\",\"url\":\"https://203.0.113.10/mcp\"}}";
    }

    public static String createTenant(String name) {
        return given().auth().oauth2(adminToken()).contentType(ContentType.JSON)
                .body("{\"name\":\"" + name + "\"}")
                .post("/api/tenants").then().statusCode(201).extract().path("data.id");
    }

    /** @return the new key, shown once */
    public static String createKey(String token, String role, String tenantId, String toolsJson) {
        String body = "{\"name\":\"key-" + UUID.randomUUID() + "\",\"role\":\"" + role + "\""
                + (tenantId == null ? "" : ",\"tenantId\":\"" + tenantId + "\"")
                + (toolsJson == null ? "" : ",\"tools\":" + toolsJson) + "}";
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .post("/api/keys").then().statusCode(201).extract().path("data.key");
    }

    public static JsonNode claims(String jwt) throws Exception {
        return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
    }

    public static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
