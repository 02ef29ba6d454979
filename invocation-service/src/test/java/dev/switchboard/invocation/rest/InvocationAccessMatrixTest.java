package dev.switchboard.invocation.rest;

import static dev.switchboard.invocation.Registry.awaitState;
import static dev.switchboard.invocation.Registry.createServer;
import static dev.switchboard.invocation.Registry.createTenant;
import static dev.switchboard.invocation.Registry.deleteServer;
import static dev.switchboard.invocation.Registry.stdioEverything;
import static dev.switchboard.invocation.Registry.uniqueName;
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
import dev.switchboard.testsupport.TestTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** DESIGN §4 for every invocation endpoint: who gets what, in one table. */
@QuarkusTest
class InvocationAccessMatrixTest {

    @TestHTTPResource(value = "openapi", management = true)
    URL openApi;

    @Test
    void answersEveryCallerOfEveryEndpointAsTheTableSays() {
        String tenant = createTenant(uniqueName("matrix"));
        String name = uniqueName("matrix");
        String server = createServer(stdioEverything(name).replace("{\"name\"", "{\"tenantId\":\"" + tenant + "\",\"name\""));
        try {
            awaitState(server, "connected");
            Map<Who, String> tokens = Map.of(ADMIN, TestTokens.admin(), MANAGER, TestTokens.forRole("manager", tenant),
                    USER, TestTokens.forRole("user", tenant), SERVICE, TestTokens.forRole("service", null),
                    OTHER_TENANT_MANAGER, TestTokens.forRole("manager", UUID.randomUUID().toString()));
            String servers = "{\"serverIds\":[\"" + server + "\"]}";

            List<AccessMatrix.Row> rows = List.of(
                    call("GET", "/api/tools").expect(200, ADMIN, MANAGER, USER, OTHER_TENANT_MANAGER).expect(403, SERVICE).row(),
                    call("GET", "/api/tools/categories").expect(200, ADMIN, MANAGER, USER, OTHER_TENANT_MANAGER)
                            .expect(403, SERVICE).row(),
                    call("GET", "/api/tools/stats").expect(200, ADMIN, MANAGER, USER, OTHER_TENANT_MANAGER)
                            .expect(403, SERVICE).row(),
                    call("GET", "/api/tools/recent").expect(200, ADMIN, MANAGER, USER, OTHER_TENANT_MANAGER)
                            .expect(403, SERVICE).row(),
                    call("GET", "/api/tools/{name}/history").path("/api/tools/" + name + "__echo/history")
                            .expect(200, ADMIN, MANAGER, USER).expect(403, SERVICE).expect(404, OTHER_TENANT_MANAGER).row(),
                    call("POST", "/api/tools/{name}/invoke").path("/api/tools/" + name + "__echo/invoke")
                            .body("{\"arguments\":{\"message\":\"matrix\"}}").expect(200, ADMIN, MANAGER, USER)
                            .expect(403, SERVICE).expect(404, OTHER_TENANT_MANAGER).row(),
                    call("GET", "/api/capabilities").expect(200, ADMIN, MANAGER, USER, OTHER_TENANT_MANAGER)
                            .expect(403, SERVICE).row(),
                    call("POST", "/api/resources/read").body("{\"serverId\":\"" + server
                                    + "\",\"uri\":\"demo://resource/static/document/architecture.md\"}")
                            .expect(200, ADMIN, MANAGER, USER).expect(403, SERVICE).expect(404, OTHER_TENANT_MANAGER).row(),
                    call("POST", "/api/prompts/{name}/get").path("/api/prompts/simple-prompt/get")
                            .body("{\"serverId\":\"" + server + "\"}").expect(200, ADMIN, MANAGER, USER)
                            .expect(403, SERVICE).expect(404, OTHER_TENANT_MANAGER).row(),
                    call("GET", "/api/connections").expect(200, ADMIN, MANAGER, USER, OTHER_TENANT_MANAGER)
                            .expect(403, SERVICE).row(),
                    call("GET", "/api/connections/{server}").path("/api/connections/" + server).expect(200, ADMIN, MANAGER, USER)
                            .expect(403, SERVICE).expect(404, OTHER_TENANT_MANAGER).row(),
                    call("GET", "/api/connections/{server}/health").path("/api/connections/" + server + "/health")
                            .expect(200, ADMIN, MANAGER, USER).expect(403, SERVICE).expect(404, OTHER_TENANT_MANAGER).row(),
                    call("GET", "/api/connections/{server}/resources").path("/api/connections/" + server + "/resources")
                            .expect(200, ADMIN, MANAGER, USER).expect(403, SERVICE).expect(404, OTHER_TENANT_MANAGER).row(),
                    call("GET", "/api/connections/{server}/prompts").path("/api/connections/" + server + "/prompts")
                            .expect(200, ADMIN, MANAGER, USER).expect(403, SERVICE).expect(404, OTHER_TENANT_MANAGER).row(),
                    call("POST", "/api/connections/test").body("{}").expect(400, ADMIN, MANAGER, OTHER_TENANT_MANAGER)
                            .expect(403, USER, SERVICE).row(),
                    call("POST", "/api/connections/test/tools").body("{}").expect(400, ADMIN, MANAGER, OTHER_TENANT_MANAGER)
                            .expect(403, USER, SERVICE).row(),
                    call("GET", "/api/monitor").expect(200, ADMIN, MANAGER, OTHER_TENANT_MANAGER).expect(403, USER, SERVICE).row(),
                    call("GET", "/api/monitor/circuit-breakers").expect(200, ADMIN, MANAGER, OTHER_TENANT_MANAGER)
                            .expect(403, USER, SERVICE).row(),
                    call("GET", "/api/cache/stats").expect(200, ADMIN, MANAGER, OTHER_TENANT_MANAGER).expect(403, USER, SERVICE).row(),
                    call("DELETE", "/api/cache").expect(200, ADMIN, MANAGER, OTHER_TENANT_MANAGER).expect(403, USER, SERVICE).row(),
                    call("POST", "/api/reload").expect(200, ADMIN).expect(403, MANAGER, USER, SERVICE, OTHER_TENANT_MANAGER).row(),
                    call("POST", "/api/connections/{server}/disconnect").path("/api/connections/" + server + "/disconnect")
                            .expect(200, ADMIN, MANAGER).expect(403, USER, SERVICE).expect(404, OTHER_TENANT_MANAGER).row(),
                    call("POST", "/api/connections/{server}/connect").path("/api/connections/" + server + "/connect")
                            .expect(200, ADMIN, MANAGER).expect(403, USER, SERVICE).expect(404, OTHER_TENANT_MANAGER).row(),
                    call("POST", "/api/connections/bulk/disconnect").body(servers)
                            .expect(200, ADMIN, MANAGER, OTHER_TENANT_MANAGER).expect(403, USER, SERVICE).row(),
                    call("POST", "/api/connections/bulk/connect").body(servers)
                            .expect(200, ADMIN, MANAGER, OTHER_TENANT_MANAGER).expect(403, USER, SERVICE).row(),
                    // /mcp answers what a key may not see in-band (McpEndpointTest); here, who may speak MCP at all.
                    call("POST", "/mcp").body("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{}}")
                            .expect(200, ADMIN, MANAGER, USER, OTHER_TENANT_MANAGER).expect(403, SERVICE).row(),
                    call("GET", "/mcp").expect(405, ADMIN, MANAGER, USER, OTHER_TENANT_MANAGER).expect(403, SERVICE).row(),
                    call("DELETE", "/mcp").expect(404, ADMIN, MANAGER, USER, OTHER_TENANT_MANAGER).expect(403, SERVICE).row());

            assertEquals(List.of(), AccessMatrix.differences(rows, tokens));
            assertEquals(List.of(), AccessMatrix.uncovered(rows, given().accept(ContentType.JSON).get(openApi.toString())
                    .then().statusCode(200).extract().jsonPath().getMap("paths")), "endpoints without rows");
        } finally {
            deleteServer(server);
        }
    }
}
