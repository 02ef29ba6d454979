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
import static org.hamcrest.Matchers.notNullValue;

import dev.switchboard.model.event.EventType;
import dev.switchboard.registry.ConnectionReports;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class FavoriteResourceTest {

    @Inject
    ConnectionReports reports;

    private String tenant;
    private String manager;
    private String files;
    private String memory;

    @BeforeEach
    void twoServersSharingAToolName() throws Exception {
        tenant = createTenant(uniqueName("favorites"));
        manager = tokenFor(createKey(adminToken(), "manager", tenant, null));
        files = createServer(manager, httpServer("files"));
        memory = createServer(manager, httpServer("memory"));
        reports.report(EventType.CATALOG_CHANGED, files, tenant,
                "{\"tools\":[{\"name\":\"read_file\"},{\"name\":\"search\"}]}");
        reports.report(EventType.CATALOG_CHANGED, memory, tenant,
                "{\"tools\":[{\"name\":\"read_graph\"},{\"name\":\"search\"}]}");
    }

    @Test
    void addsListsAndRemovesFavoritesPerKey() {
        given().auth().oauth2(manager).post("/api/favorites/read_file").then().statusCode(201)
                .body("data.toolName", equalTo("read_file"))
                .body("data.serverId", equalTo(files))
                .body("data.serverName", equalTo("files"))
                .body("data.favoritedAt", notNullValue());
        given().auth().oauth2(manager).contentType(ContentType.JSON).body("{\"serverId\":\"" + memory + "\"}")
                .post("/api/favorites/search").then().statusCode(201).body("data.serverName", equalTo("memory"));
        given().auth().oauth2(manager).post("/api/favorites/read_file").then().statusCode(201);

        given().auth().oauth2(manager).get("/api/favorites").then().statusCode(200)
                .body("data.items.toolName", contains("read_file", "search"))
                .body("data.items.serverName", contains("files", "memory"));
        String otherKey = tokenFor(createKey(adminToken(), "user", tenant, null));
        given().auth().oauth2(otherKey).get("/api/favorites").then().body("data.total", equalTo(0));

        given().auth().oauth2(manager).delete("/api/favorites/read_file").then().statusCode(204);
        given().auth().oauth2(manager).delete("/api/favorites/read_file").then().statusCode(404);
        given().auth().oauth2(manager).get("/api/favorites").then().body("data.items.toolName", contains("search"));
    }

    @Test
    void needsTheServerWhenSeveralOfferTheTool() {
        given().auth().oauth2(manager).post("/api/favorites/search").then().statusCode(400)
                .body("errors[0].field", equalTo("serverId"))
                .body("errors[0].message", containsString("files, memory"));
        given().auth().oauth2(manager).post("/api/favorites/no_such_tool").then().statusCode(404);
        given().auth().oauth2(manager).contentType(ContentType.JSON).body("{\"serverId\":\"" + files + "\"}")
                .post("/api/favorites/read_graph").then().statusCode(404);
    }

    @Test
    void keepsToTheServersAndToolsAKeyMaySee() {
        String onlyFiles = tokenFor(createKey(adminToken(), "user", tenant, "[\"files/*\"]"));
        given().auth().oauth2(onlyFiles).post("/api/favorites/read_graph").then().statusCode(404);
        given().auth().oauth2(onlyFiles).post("/api/favorites/search").then().statusCode(201)
                .body("data.serverName", equalTo("files"));

        String stranger = tokenFor(createKey(adminToken(), "manager", createTenant(uniqueName("fav-other")), null));
        given().auth().oauth2(stranger).post("/api/favorites/read_file").then().statusCode(404);
        given().auth().oauth2(stranger).contentType(ContentType.JSON).body("{\"serverId\":\"" + files + "\"}")
                .post("/api/favorites/read_file").then().statusCode(404);

        given().auth().oauth2(manager).post("/api/favorites/read_file").then().statusCode(201);
        given().auth().oauth2(manager).delete("/api/servers/{id}", files).then().statusCode(204);
        given().auth().oauth2(manager).get("/api/favorites").then().body("data.total", equalTo(0));
    }
}
