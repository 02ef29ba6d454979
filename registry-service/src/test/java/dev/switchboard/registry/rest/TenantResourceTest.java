package dev.switchboard.registry.rest;

import static dev.switchboard.registry.RegistryApi.adminToken;
import static dev.switchboard.registry.RegistryApi.createKey;
import static dev.switchboard.registry.RegistryApi.createServer;
import static dev.switchboard.registry.RegistryApi.createTenant;
import static dev.switchboard.registry.RegistryApi.httpServer;
import static dev.switchboard.registry.RegistryApi.tokenFor;
import static dev.switchboard.registry.RegistryApi.uniqueName;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

@QuarkusTest
class TenantResourceTest {

    @Test
    void createsReadsListsAndDeletesATenant() {
        String name = uniqueName("globex");
        String id = given().auth().oauth2(adminToken()).contentType(ContentType.JSON)
                .body("{\"name\":\"" + name + "\",\"settings\":{\"displayName\":\"Globex\",\"enabledMcpServers\":[\"s-1\"]}}")
                .post("/api/tenants").then().statusCode(201)
                .body("data.settings.displayName", equalTo("Globex"))
                .extract().path("data.id");

        given().auth().oauth2(adminToken()).get("/api/tenants/{id}", id).then().statusCode(200)
                .body("data.name", equalTo(name))
                .body("data.settings.enabledMcpServers", contains("s-1"));
        given().auth().oauth2(adminToken()).get("/api/tenants?limit=100").then().statusCode(200)
                .body("data.items.id", hasItem(id));
        given().auth().oauth2(adminToken()).delete("/api/tenants/{id}", id).then().statusCode(204);
        given().auth().oauth2(adminToken()).get("/api/tenants/{id}", id).then().statusCode(404)
                .body("code", equalTo("NOT_FOUND"));
    }

    @Test
    void refusesADuplicateNameWhateverItsCase() {
        String name = uniqueName("initech");
        createTenant(name);
        given().auth().oauth2(adminToken()).contentType(ContentType.JSON).body("{\"name\":\"" + name + "\"}")
                .post("/api/tenants").then().statusCode(409).contentType("application/problem+json")
                .body("code", equalTo("CONFLICT"));
    }

    @Test
    void appliesAMergePatch() {
        String id = given().auth().oauth2(adminToken()).contentType(ContentType.JSON)
                .body("{\"name\":\"" + uniqueName("patch") + "\",\"settings\":{\"displayName\":\"Before\",\"enabledMcpServers\":[\"a\"]}}")
                .post("/api/tenants").then().statusCode(201).extract().path("data.id");

        given().auth().oauth2(adminToken()).contentType("application/merge-patch+json")
                .body("{\"settings\":{\"displayName\":null}}")
                .patch("/api/tenants/{id}", id).then().statusCode(200)
                .body("data.settings.displayName", nullValue())
                .body("data.settings.enabledMcpServers", contains("a"));
        given().auth().oauth2(adminToken()).contentType("application/merge-patch+json")
                .body("{\"settings\":{\"enabledMcpServers\":[\"b\",\"c\"]}}")
                .patch("/api/tenants/{id}", id).then().statusCode(200)
                .body("data.settings.enabledMcpServers", contains("b", "c"));
        given().auth().oauth2(adminToken()).contentType("application/merge-patch+json")
                .body("{\"name\":\"Not Valid!\"}")
                .patch("/api/tenants/{id}", id).then().statusCode(400)
                .body("errors[0].field", equalTo("name"));
    }

    @Test
    void refusesToDeleteATenantThatStillHasKeys() {
        String id = createTenant(uniqueName("busy"));
        createKey(adminToken(), "user", id, null);
        given().auth().oauth2(adminToken()).delete("/api/tenants/{id}", id).then().statusCode(409);
    }

    @Test
    void refusesToDeleteATenantThatStillHasServers() {
        String id = createTenant(uniqueName("servers"));
        createServer(adminToken(), httpServer("kept").replace("{\"name\"", "{\"tenantId\":\"" + id + "\",\"name\""));
        given().auth().oauth2(adminToken()).delete("/api/tenants/{id}", id).then().statusCode(409)
                .body("detail", containsString("1 servers"));
    }

    @Test
    void isForAdminsOnly() {
        String tenant = createTenant(uniqueName("mgr"));
        String manager = tokenFor(createKey(adminToken(), "manager", tenant, null));
        given().auth().oauth2(manager).get("/api/tenants").then().statusCode(403).body("code", equalTo("FORBIDDEN"));
        given().auth().oauth2(manager).contentType(ContentType.JSON).body("{\"name\":\"x\"}")
                .post("/api/tenants").then().statusCode(403);
    }

    @Test
    void answersBadInputWithProblems() {
        given().auth().oauth2(adminToken()).contentType(ContentType.JSON).body("{\"name\": [1, 2")
                .post("/api/tenants").then().statusCode(400).body("code", equalTo("VALIDATION_ERROR"));
        given().auth().oauth2(adminToken()).contentType(ContentType.JSON).body("{\"name\": 42}")
                .post("/api/tenants").then().statusCode(400).body("errors[0].field", equalTo("name"));
        given().auth().oauth2(adminToken()).contentType(ContentType.JSON)
                .body("{\"name\":\"" + uniqueName("typo") + "\",\"setings\":{}}")
                .post("/api/tenants").then().statusCode(400)
                .body("errors[0].field", equalTo("setings"))
                .body("errors[0].message", equalTo("is not a known field"));
        given().auth().oauth2(adminToken()).get("/api/tenants/123").then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(adminToken()).contentType("application/merge-patch+json").body("[1]")
                .patch("/api/tenants/{id}", createTenant(uniqueName("arr"))).then().statusCode(400);
        given().auth().oauth2(adminToken()).contentType("application/merge-patch+json").body("{\"settings\":{\"theme\":\"dark\"}}")
                .patch("/api/tenants/{id}", createTenant(uniqueName("unknown"))).then().statusCode(400)
                .body("errors[0].field", equalTo("settings.theme"));
    }
}
