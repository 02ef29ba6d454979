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
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ServerTransferTest {

    @Test
    void exportsATenantAndImportsItIntoAnotherIdempotently() throws Exception {
        String source = createTenant(uniqueName("export-src"));
        String sourceManager = tokenFor(createKey(adminToken(), "manager", source, null));
        String group = given().auth().oauth2(sourceManager).contentType(ContentType.JSON)
                .body("{\"name\":\"Search\",\"color\":\"#22c55e\",\"sortOrder\":3}")
                .post("/api/groups").then().statusCode(201).extract().path("data.id");
        createServer(sourceManager, httpServer("plain").replace("}}", "},\"groupId\":\"" + group + "\","
                + "\"metadata\":{\"tags\":[\"web\"]},\"rateLimits\":{\"requestsPerMinute\":30}}"));
        createServer(sourceManager, """
                {"name":"keyed","transport":{"type":"sse","url":"https://203.0.113.20/sse"},
                 "auth":{"type":"api_key","key":"exported-secret","header":"X-Key"}}""");

        String exported = given().auth().oauth2(sourceManager).get("/api/servers/export").then().statusCode(200)
                .body("data.format", equalTo("switchboard.servers/v1"))
                .body("data.groups.name", contains("Search"))
                .body("data.servers.name", contains("keyed", "plain"))
                .body("data.servers[1].group", equalTo("Search"))
                .body("data.servers[0].auth.key", equalTo("***"))
                .extract().asString();
        assertFalse(exported.contains("exported-secret"), exported);
        assertFalse(exported.contains(source), "no tenant or ids travel: " + exported);
        String document = new ObjectMapper().readTree(exported).get("data").toString();

        String target = createTenant(uniqueName("export-dst"));
        String targetManager = tokenFor(createKey(adminToken(), "manager", target, null));
        given().auth().oauth2(targetManager).contentType(ContentType.JSON).body(document)
                .post("/api/servers/import").then().statusCode(200)
                .body("data.groups[0].action", equalTo("created"))
                .body("data.servers.name", contains("keyed", "plain"))
                .body("data.servers.action", contains("created", "created"))
                .body("data.servers[0].missingSecrets", contains("auth.key"))
                .body("data.servers[1].missingSecrets", empty());

        given().auth().oauth2(targetManager).get("/api/servers?q=plain").then()
                .body("data.items[0].tenantId", equalTo(target))
                .body("data.items[0].metadata.tags", contains("web"))
                .body("data.items[0].rateLimits.requestsPerMinute", equalTo(30))
                .body("data.items[0].enabled", equalTo(true));
        given().auth().oauth2(targetManager).get("/api/servers?q=keyed").then()
                .body("data.items[0].enabled", equalTo(false));
        given().auth().oauth2(targetManager).get("/api/groups").then()
                .body("data.items[0].name", equalTo("Search")).body("data.items[0].serverCount", equalTo(1));

        given().auth().oauth2(targetManager).contentType(ContentType.JSON).body(document)
                .post("/api/servers/import").then().statusCode(200)
                .body("data.groups[0].action", equalTo("unchanged"))
                .body("data.servers.action", contains("unchanged", "unchanged"));
        given().auth().oauth2(targetManager).get("/api/servers").then().body("data.total", equalTo(2));
    }

    @Test
    void refusesABadDocumentWholeNamingTheServer() {
        String tenant = createTenant(uniqueName("import-bad"));
        String manager = tokenFor(createKey(adminToken(), "manager", tenant, null));
        String document = """
                {"format":"switchboard.servers/v1","servers":[
                  {"name":"fine","transport":{"type":"http","url":"https://203.0.113.30/mcp"}},
                  {"name":"broken","transport":{"type":"http","url":"http://127.0.0.1/mcp"},"group":"Missing"}]}""";
        given().auth().oauth2(manager).contentType(ContentType.JSON).body(document)
                .post("/api/servers/import").then().statusCode(400)
                .body("errors[0].field", equalTo("servers[1].group"));
        given().auth().oauth2(manager).contentType(ContentType.JSON).body(document.replace(",\"group\":\"Missing\"", ""))
                .post("/api/servers/import").then().statusCode(400)
                .body("errors[0].field", equalTo("servers[1].transport.url"));
        given().auth().oauth2(manager).get("/api/servers").then().body("data.total", equalTo(0));
        given().auth().oauth2(manager).contentType(ContentType.JSON).body("{\"format\":\"other/v9\"}")
                .post("/api/servers/import").then().statusCode(400).body("errors[0].field", equalTo("format"));
    }
}
