package dev.switchboard.registry.rest;

import static dev.switchboard.registry.RegistryApi.adminToken;
import static dev.switchboard.registry.RegistryApi.createKey;
import static dev.switchboard.registry.RegistryApi.createServer;
import static dev.switchboard.registry.RegistryApi.createTenant;
import static dev.switchboard.registry.RegistryApi.httpServer;
import static dev.switchboard.registry.RegistryApi.serviceToken;
import static dev.switchboard.registry.RegistryApi.tokenFor;
import static dev.switchboard.registry.RegistryApi.uniqueName;
import static dev.switchboard.testsupport.AccessMatrix.Who.ADMIN;
import static dev.switchboard.testsupport.AccessMatrix.Who.MANAGER;
import static dev.switchboard.testsupport.AccessMatrix.Who.OTHER_TENANT_MANAGER;
import static dev.switchboard.testsupport.AccessMatrix.Who.SERVICE;
import static dev.switchboard.testsupport.AccessMatrix.Who.USER;
import static dev.switchboard.testsupport.AccessMatrix.call;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.testsupport.AccessMatrix.Who;
import dev.switchboard.testsupport.AccessMatrix;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** DESIGN §4 for every registry endpoint: who gets what, in one table. */
@QuarkusTest
class RegistryAccessMatrixTest {

    @TestHTTPResource(value = "openapi", management = true)
    URL openApi;

    @Test
    void answersEveryCallerOfEveryEndpointAsTheTableSays() {
        String tenant = createTenant(uniqueName("matrix-a"));
        String otherTenant = createTenant(uniqueName("matrix-b"));
        String manager = tokenFor(createKey(adminToken(), "manager", tenant, null));
        Map<Who, String> tokens = Map.of(ADMIN, adminToken(), MANAGER, manager,
                USER, tokenFor(createKey(adminToken(), "user", tenant, null)), SERVICE, serviceToken(),
                OTHER_TENANT_MANAGER, tokenFor(createKey(adminToken(), "manager", otherTenant, null)));
        String server = createServer(manager, httpServer(uniqueName("own")));
        String group = group(manager);
        String absent = UUID.randomUUID().toString();

        List<AccessMatrix.Row> rows = List.of(
                call("POST", "/auth/token").expect(401, ADMIN, MANAGER, USER, SERVICE, OTHER_TENANT_MANAGER).row(),

                call("POST", "/api/servers").body("{}").expect(400, ADMIN, MANAGER, OTHER_TENANT_MANAGER)
                        .expect(403, USER, SERVICE).row(),
                call("GET", "/api/servers").expect(200, ADMIN, MANAGER, USER, OTHER_TENANT_MANAGER).expect(403, SERVICE).row(),
                call("GET", "/api/servers/{id}").path("/api/servers/" + server).expect(200, ADMIN, MANAGER, USER)
                        .expect(403, SERVICE).expect(404, OTHER_TENANT_MANAGER).row(),
                call("PUT", "/api/servers/{id}").path("/api/servers/" + server).body("{}").expect(400, ADMIN, MANAGER)
                        .expect(403, USER, SERVICE).expect(404, OTHER_TENANT_MANAGER).row(),
                call("PATCH", "/api/servers/{id}").path("/api/servers/" + server).body("{\"name\":\"\"}")
                        .expect(400, ADMIN, MANAGER).expect(403, USER, SERVICE).expect(404, OTHER_TENANT_MANAGER).row(),
                call("DELETE", "/api/servers/{id}").path(() -> "/api/servers/" + createServer(manager, httpServer(uniqueName("gone"))))
                        .expect(204, ADMIN, MANAGER).expect(403, USER, SERVICE).expect(404, OTHER_TENANT_MANAGER).row(),
                call("POST", "/api/servers/{id}/restore").path("/api/servers/" + server + "/restore")
                        .expect(409, ADMIN, MANAGER).expect(403, USER, SERVICE).expect(404, OTHER_TENANT_MANAGER).row(),
                call("GET", "/api/servers/export").expect(200, ADMIN, MANAGER, OTHER_TENANT_MANAGER).expect(403, USER, SERVICE).row(),
                call("POST", "/api/servers/import").body("{}").expect(400, ADMIN, MANAGER, OTHER_TENANT_MANAGER)
                        .expect(403, USER, SERVICE).row(),

                call("POST", "/api/groups").body("{}").expect(400, ADMIN, MANAGER, OTHER_TENANT_MANAGER)
                        .expect(403, USER, SERVICE).row(),
                call("GET", "/api/groups").expect(200, ADMIN, MANAGER, USER, OTHER_TENANT_MANAGER).expect(403, SERVICE).row(),
                call("GET", "/api/groups/{id}").path("/api/groups/" + group).expect(200, ADMIN, MANAGER, USER)
                        .expect(403, SERVICE).expect(404, OTHER_TENANT_MANAGER).row(),
                call("PUT", "/api/groups/{id}").path("/api/groups/" + group).body("{\"name\":\"" + uniqueName("renamed") + "\"}")
                        .expect(200, ADMIN, MANAGER).expect(403, USER, SERVICE).expect(404, OTHER_TENANT_MANAGER).row(),
                call("PATCH", "/api/groups/{id}").path("/api/groups/" + group).body("{\"name\":\"\"}")
                        .expect(400, ADMIN, MANAGER).expect(403, USER, SERVICE).expect(404, OTHER_TENANT_MANAGER).row(),
                call("DELETE", "/api/groups/{id}").path(() -> "/api/groups/" + group(manager))
                        .expect(204, ADMIN, MANAGER).expect(403, USER, SERVICE).expect(404, OTHER_TENANT_MANAGER).row(),
                call("POST", "/api/groups/{id}/servers").path("/api/groups/" + group + "/servers")
                        .body("{\"serverIds\":[\"" + server + "\"]}")
                        .expect(200, ADMIN, MANAGER).expect(403, USER, SERVICE).expect(404, OTHER_TENANT_MANAGER).row(),

                call("POST", "/api/tenants").body("{}").expect(400, ADMIN).expect(403, MANAGER, USER, SERVICE, OTHER_TENANT_MANAGER).row(),
                call("GET", "/api/tenants").expect(200, ADMIN).expect(403, MANAGER, USER, SERVICE, OTHER_TENANT_MANAGER).row(),
                call("GET", "/api/tenants/{id}").path("/api/tenants/" + tenant).expect(200, ADMIN)
                        .expect(403, MANAGER, USER, SERVICE, OTHER_TENANT_MANAGER).row(),
                call("PATCH", "/api/tenants/{id}").path("/api/tenants/" + tenant).body("{\"name\":\"\"}").expect(400, ADMIN)
                        .expect(403, MANAGER, USER, SERVICE, OTHER_TENANT_MANAGER).row(),
                call("DELETE", "/api/tenants/{id}").path("/api/tenants/" + tenant).expect(409, ADMIN)
                        .expect(403, MANAGER, USER, SERVICE, OTHER_TENANT_MANAGER).row(),

                call("POST", "/api/keys").body("{}").expect(400, ADMIN, MANAGER, OTHER_TENANT_MANAGER).expect(403, USER, SERVICE).row(),
                call("GET", "/api/keys").expect(200, ADMIN, MANAGER, OTHER_TENANT_MANAGER).expect(403, USER, SERVICE).row(),
                call("DELETE", "/api/keys/{id}").path(() -> "/api/keys/" + keyId(tenant))
                        .expect(204, ADMIN, MANAGER).expect(403, USER, SERVICE).expect(404, OTHER_TENANT_MANAGER).row(),

                call("GET", "/api/templates").expect(200, ADMIN, MANAGER, USER, OTHER_TENANT_MANAGER).expect(403, SERVICE).row(),
                call("GET", "/api/templates/{id}").path("/api/templates/everything")
                        .expect(200, ADMIN, MANAGER, USER, OTHER_TENANT_MANAGER).expect(403, SERVICE).row(),
                call("POST", "/api/templates/{id}/instantiate").path("/api/templates/remote-http/instantiate").body("{}")
                        .expect(400, ADMIN, MANAGER, OTHER_TENANT_MANAGER).expect(403, USER, SERVICE).row(),

                call("GET", "/api/favorites").expect(200, ADMIN, MANAGER, USER, OTHER_TENANT_MANAGER).expect(403, SERVICE).row(),
                call("POST", "/api/favorites/{toolName}").path("/api/favorites/no-such-tool")
                        .expect(404, ADMIN, MANAGER, USER, OTHER_TENANT_MANAGER).expect(403, SERVICE).row(),
                call("DELETE", "/api/favorites/{toolName}").path("/api/favorites/no-such-tool")
                        .expect(404, ADMIN, MANAGER, USER, OTHER_TENANT_MANAGER).expect(403, SERVICE).row(),

                call("GET", "/internal/servers").expect(200, SERVICE).expect(403, ADMIN, MANAGER, USER, OTHER_TENANT_MANAGER).row(),
                call("GET", "/internal/servers/{id}").path("/internal/servers/" + server).expect(200, SERVICE)
                        .expect(403, ADMIN, MANAGER, USER, OTHER_TENANT_MANAGER).row(),
                call("GET", "/internal/servers/{id}").path("/internal/servers/" + absent).expect(404, SERVICE)
                        .expect(403, ADMIN, MANAGER, USER, OTHER_TENANT_MANAGER).row(),
                call("GET", "/internal/tenants").expect(200, SERVICE).expect(403, ADMIN, MANAGER, USER, OTHER_TENANT_MANAGER).row());

        assertEquals(List.of(), AccessMatrix.differences(rows, tokens));
        assertEquals(List.of(), AccessMatrix.uncovered(rows, given().accept(ContentType.JSON).get(openApi.toString())
                .then().statusCode(200).extract().jsonPath().getMap("paths")), "endpoints without rows");
    }

    private static String group(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"name\":\"" + uniqueName("team") + "\"}")
                .post("/api/groups").then().statusCode(201).extract().path("data.id");
    }

    private static String keyId(String tenant) {
        createKey(adminToken(), "user", tenant, null);
        return given().auth().oauth2(adminToken()).get("/api/keys?tenantId=" + tenant + "&limit=100").then()
                .extract().path("data.items.find { it.role == 'user' }.id");
    }
}
