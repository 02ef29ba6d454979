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
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class GroupResourceTest {

    private String tenant;
    private String manager;

    @BeforeEach
    void aTenantWithAManager() {
        tenant = createTenant(uniqueName("groups"));
        manager = tokenFor(createKey(adminToken(), "manager", tenant, null));
    }

    private String createGroup(String token, String json) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(json)
                .post("/api/groups").then().statusCode(201).extract().path("data.id");
    }

    @Test
    void createsListsReplacesAndPatchesGroups() {
        String dev = given().auth().oauth2(manager).contentType(ContentType.JSON)
                .body("{\"name\":\"Development\",\"description\":\"Dev servers\",\"color\":\"#6366f1\",\"icon\":\"code\",\"sortOrder\":2}")
                .post("/api/groups").then().statusCode(201)
                .body("data.tenantId", equalTo(tenant))
                .body("data.color", equalTo("#6366f1"))
                .body("data.serverCount", equalTo(0))
                .extract().path("data.id");
        String prod = createGroup(manager, "{\"name\":\"Production\",\"sortOrder\":1}");

        given().auth().oauth2(manager).get("/api/groups").then().statusCode(200)
                .body("data.items.name", contains("Production", "Development"));
        given().auth().oauth2(manager).contentType(ContentType.JSON)
                .body("{\"name\":\"Staging\",\"color\":\"#22c55e\"}")
                .put("/api/groups/{id}", prod).then().statusCode(200)
                .body("data.name", equalTo("Staging")).body("data.sortOrder", equalTo(0))
                .body("data.description", nullValue());
        given().auth().oauth2(manager).contentType("application/merge-patch+json").body("{\"icon\":null,\"sortOrder\":9}")
                .patch("/api/groups/{id}", dev).then().statusCode(200)
                .body("data.icon", nullValue()).body("data.sortOrder", equalTo(9))
                .body("data.description", equalTo("Dev servers"));
        given().auth().oauth2(manager).get("/api/groups/{id}", dev).then().statusCode(200).body("data.name", equalTo("Development"));
    }

    @Test
    void rejectsDuplicateNameInSameTenant() {
        createGroup(manager, "{\"name\":\"Tools\"}");
        given().auth().oauth2(manager).contentType(ContentType.JSON).body("{\"name\":\"tools\"}")
                .post("/api/groups").then().statusCode(409).body("code", equalTo("CONFLICT"));
    }

    @Test
    void addsServersAndUngroupsThemWhenTheGroupIsDeleted() {
        String group = createGroup(manager, "{\"name\":\"Mine\"}");
        String first = createServer(manager, httpServer("first"));
        String second = createServer(manager, httpServer("second"));
        given().auth().oauth2(manager).contentType(ContentType.JSON)
                .body("{\"serverIds\":[\"" + first + "\",\"" + second + "\"]}")
                .post("/api/groups/{id}/servers", group).then().statusCode(200)
                .body("data.serverCount", equalTo(2));
        given().auth().oauth2(manager).get("/api/servers/{id}", first).then().body("data.groupId", equalTo(group));

        given().auth().oauth2(manager).delete("/api/groups/{id}", group).then().statusCode(204);
        given().auth().oauth2(manager).get("/api/groups/{id}", group).then().statusCode(404);
        given().auth().oauth2(manager).get("/api/servers/{id}", first).then().statusCode(200)
                .body("data.groupId", nullValue());
        given().auth().oauth2(manager).get("/api/servers/{id}", second).then().statusCode(200)
                .body("data.groupId", nullValue());
    }

    @Test
    void keepsGroupsAndTheirServersWithinOneTenant() {
        String group = createGroup(manager, "{\"name\":\"Private\"}");
        String otherTenant = createTenant(uniqueName("groups-other"));
        String otherManager = tokenFor(createKey(adminToken(), "manager", otherTenant, null));
        String otherServer = createServer(otherManager, httpServer("theirs"));

        given().auth().oauth2(otherManager).get("/api/groups/{id}", group).then().statusCode(404).body("code", equalTo("NOT_FOUND"));
        given().auth().oauth2(otherManager).contentType(ContentType.JSON).body("{\"name\":\"Taken\"}")
                .put("/api/groups/{id}", group).then().statusCode(404);
        given().auth().oauth2(otherManager).delete("/api/groups/{id}", group).then().statusCode(404);
        given().auth().oauth2(otherManager).get("/api/groups").then().body("data.total", equalTo(0));
        given().auth().oauth2(manager).contentType(ContentType.JSON).body("{\"serverIds\":[\"" + otherServer + "\"]}")
                .post("/api/groups/{id}/servers", group).then().statusCode(404);
        given().auth().oauth2(otherManager).contentType(ContentType.JSON)
                .body(httpServer("grouped").replace("}}", "},\"groupId\":\"" + group + "\"}"))
                .post("/api/servers").then().statusCode(400).body("errors[0].field", equalTo("groupId"));
    }

    @Test
    void answersBadInputWithProblems() {
        given().auth().oauth2(manager).contentType(ContentType.JSON).body("{\"name\":\"\",\"color\":\"green\",\"sortOrder\":-1}")
                .post("/api/groups").then().statusCode(400)
                .body("errors.field", contains("color", "name", "sortOrder"));
        given().auth().oauth2(manager).contentType(ContentType.JSON).body("{\"serverIds\":[\"nope\"]}")
                .post("/api/groups/{id}/servers", createGroup(manager, "{\"name\":\"Bad\"}")).then().statusCode(400);
        given().auth().oauth2(manager).get("/api/groups/42").then().statusCode(404);
        String user = tokenFor(createKey(adminToken(), "user", tenant, null));
        given().auth().oauth2(user).contentType(ContentType.JSON).body("{\"name\":\"x\"}")
                .post("/api/groups").then().statusCode(403);
        given().auth().oauth2(user).get("/api/groups").then().statusCode(200);
    }
}
