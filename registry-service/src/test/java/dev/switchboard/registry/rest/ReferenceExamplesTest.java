package dev.switchboard.registry.rest;

import static dev.switchboard.registry.RegistryApi.BOOTSTRAP_ADMIN_KEY;
import static dev.switchboard.registry.RegistryApi.adminToken;
import static dev.switchboard.registry.RegistryApi.createKey;
import static dev.switchboard.registry.RegistryApi.createTenant;
import static dev.switchboard.registry.RegistryApi.uniqueName;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The registry's side of the references' examples, sent as their users send them: with the API key itself on every
 * call (001's {@code x-admin-key} and 003's {@code X-API-Key} become DESIGN's {@code X-API-Key}), adapted only to
 * DESIGN's paths, transport object, envelope and status codes, and read for the fields their example answers show.
 */
@QuarkusTest
class ReferenceExamplesTest {

    private static RequestSpecification withKey(String apiKey) {
        return given().header("X-API-Key", apiKey);
    }

    /**
     * 001, "Add Google Calendar MCP Server", then its list, get, update and delete, and the duplicate name. The name
     * is the one adaptation: it becomes the first half of every aggregated tool name, so it keeps to the characters MCP
     * allows there, and the reference's "Google Calendar" is refused naming the field.
     */
    @Test
    void managesAStdioServerAsTheAdminReferenceDoes() {
        withKey(BOOTSTRAP_ADMIN_KEY).contentType(ContentType.JSON)
                .body("{\"name\":\"Google Calendar\",\"transport\":{\"type\":\"stdio\",\"command\":\"npx\"}}")
                .post("/api/servers").then().statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("VALIDATION_ERROR"))
                .body("errors.field", contains("name"));
        String name = uniqueName("google-calendar");
        String id = withKey(BOOTSTRAP_ADMIN_KEY).contentType(ContentType.JSON).body("""
                {"name": "%s",
                 "description": "Manage calendar events",
                 "transport": {"type": "stdio", "command": "npx",
                   "args": ["-y", "@modelcontextprotocol/server-google-calendar"],
                   "env": {"GOOGLE_CLIENT_ID": "123456.apps.googleusercontent.com",
                           "GOOGLE_CLIENT_SECRET": "your-secret"}},
                 "enabled": true}""".formatted(name))
                .post("/api/servers").then().statusCode(201)
                .body("success", equalTo(true))
                .body("data.id", notNullValue())
                .body("data.name", equalTo(name))
                .body("data.description", equalTo("Manage calendar events"))
                .body("data.transport.command", equalTo("npx"))
                .body("data.transport.args", contains("-y", "@modelcontextprotocol/server-google-calendar"))
                .body("data.transport.env.GOOGLE_CLIENT_SECRET", equalTo("***"))
                .body("data.enabled", equalTo(true))
                .body("data.createdAt", notNullValue())
                .body("data.updatedAt", notNullValue())
                .extract().path("data.id");

        withKey(BOOTSTRAP_ADMIN_KEY).get("/api/servers?q=" + name).then().statusCode(200)
                .body("success", equalTo(true))
                .body("data.items.id", contains(id))
                .body("data.items[0].name", equalTo(name))
                .body("data.items[0].transport.command", equalTo("npx"))
                .body("data.items[0].enabled", equalTo(true));
        withKey(BOOTSTRAP_ADMIN_KEY).get("/api/servers/{id}", id).then().statusCode(200)
                .body("data.id", equalTo(id))
                .body("data.transport.env.GOOGLE_CLIENT_ID", equalTo("***"));

        withKey(BOOTSTRAP_ADMIN_KEY).contentType(ContentType.JSON).body("""
                {"name": "%s-updated", "description": "Updated description",
                 "transport": {"command": "node", "args": ["/path/to/server.js"],
                   "env": {"GOOGLE_CLIENT_ID": "new-client-id", "GOOGLE_CLIENT_SECRET": null}},
                 "enabled": false}""".formatted(name))
                .patch("/api/servers/{id}", id).then().statusCode(200)
                .body("data.name", equalTo(name + "-updated"))
                .body("data.description", equalTo("Updated description"))
                .body("data.transport.command", equalTo("node"))
                .body("data.transport.args", contains("/path/to/server.js"))
                .body("data.transport.env.GOOGLE_CLIENT_ID", equalTo("***"))
                .body("data.transport.env", not(hasKey("GOOGLE_CLIENT_SECRET")))
                .body("data.enabled", equalTo(false));

        withKey(BOOTSTRAP_ADMIN_KEY).contentType(ContentType.JSON)
                .body("{\"name\":\"" + name + "-updated\",\"transport\":{\"type\":\"stdio\",\"command\":\"npx\"}}")
                .post("/api/servers").then().statusCode(409)
                .contentType("application/problem+json")
                .body("success", equalTo(false))
                .body("code", equalTo("CONFLICT"));

        withKey(BOOTSTRAP_ADMIN_KEY).delete("/api/servers/{id}", id).then().statusCode(204);
        withKey(BOOTSTRAP_ADMIN_KEY).get("/api/servers/{id}", id).then().statusCode(404)
                .contentType("application/problem+json")
                .body("success", equalTo(false))
                .body("code", equalTo("NOT_FOUND"));
    }

    /** 001's tenant settings: which global servers a tenant may use. */
    @Test
    void enablesGlobalServersForATenantThroughItsSettings() {
        String tenant = createTenant(uniqueName("acme-corp"));
        String calendar = withKey(BOOTSTRAP_ADMIN_KEY).contentType(ContentType.JSON)
                .body("{\"name\":\"" + uniqueName("calendar") + "\",\"transport\":{\"type\":\"http\","
                        + "\"url\":\"https://203.0.113.20/mcp\"}}")
                .post("/api/servers").then().statusCode(201).extract().path("data.id");

        withKey(BOOTSTRAP_ADMIN_KEY).contentType(ContentType.JSON)
                .body("{\"settings\":{\"enabledMcpServers\":[\"" + calendar + "\"]}}")
                .patch("/api/tenants/{id}", tenant).then().statusCode(200)
                .body("data.id", equalTo(tenant))
                .body("data.settings.enabledMcpServers", contains(calendar))
                .body("data.updatedAt", notNullValue());
        withKey(BOOTSTRAP_ADMIN_KEY).get("/api/tenants/{id}", tenant).then().statusCode(200)
                .body("data.id", equalTo(tenant))
                .body("data.name", notNullValue())
                .body("data.settings.enabledMcpServers", contains(calendar));
    }

    /**
     * 003, account-scoped: a key of one account creates, reads with {@code include=tools}, replaces, patches, soft
     * deletes and restores its MCP, and another account's key finds nothing of it.
     */
    @Test
    void managesAnAccountsServerWithPutPatchSoftDeleteAndRestore() {
        String account = createTenant(uniqueName("account"));
        String key = createKey(adminToken(), "manager", account, null);
        String other = createKey(adminToken(), "manager", createTenant(uniqueName("other-account")), null);
        String name = uniqueName("weather");
        String id = withKey(key).contentType(ContentType.JSON)
                .body("{\"name\":\"" + name + "\",\"description\":\"Forecasts\","
                        + "\"transport\":{\"type\":\"http\",\"url\":\"https://203.0.113.21/mcp\"}}")
                .post("/api/servers").then().statusCode(201)
                .body("data.id", notNullValue())
                .body("data.tenantId", equalTo(account))
                .extract().path("data.id");

        withKey(key).get("/api/servers?include=tools").then().statusCode(200)
                .body("data.items.id", contains(id))
                .body("data.items[0].tools", notNullValue());
        withKey(key).get("/api/servers/{id}?include=tools", id).then().statusCode(200)
                .body("data.name", equalTo(name))
                .body("data.tools", notNullValue());
        withKey(other).get("/api/servers/{id}", id).then().statusCode(404);
        withKey(key).get("/api/servers/{id}", "not-a-uuid").then().statusCode(404)
                .contentType("application/problem+json");

        withKey(key).contentType(ContentType.JSON)
                .body("{\"name\":\"" + name + "\",\"description\":\"Replaced\","
                        + "\"transport\":{\"type\":\"http\",\"url\":\"https://203.0.113.22/mcp\"}}")
                .put("/api/servers/{id}", id).then().statusCode(200)
                .body("data.description", equalTo("Replaced"))
                .body("data.transport.url", equalTo("https://203.0.113.22/mcp"));
        withKey(key).contentType("application/merge-patch+json").body("{\"description\":null}")
                .patch("/api/servers/{id}", id).then().statusCode(200)
                .body("data.description", nullValue())
                .body("data.transport.url", equalTo("https://203.0.113.22/mcp"));

        withKey(key).delete("/api/servers/{id}", id).then().statusCode(204);
        withKey(key).get("/api/servers").then().body("data.items.id", not(hasItem(id)));
        withKey(key).get("/api/servers?includeDeleted=true").then()
                .body("data.items.find { it.id == '" + id + "' }.deletedAt", notNullValue());
        withKey(key).post("/api/servers/{id}/restore", id).then().statusCode(200)
                .body("data.id", equalTo(id))
                .body("data.deletedAt", nullValue());
        withKey(key).get("/api/servers/{id}", id).then().statusCode(200);
        withKey(key).post("/api/servers/{id}/restore", UUID.randomUUID()).then().statusCode(404);
    }
}
