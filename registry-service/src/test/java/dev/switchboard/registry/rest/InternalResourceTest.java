package dev.switchboard.registry.rest;

import static dev.switchboard.registry.RegistryApi.adminToken;
import static dev.switchboard.registry.RegistryApi.createKey;
import static dev.switchboard.registry.RegistryApi.createServer;
import static dev.switchboard.registry.RegistryApi.createTenant;
import static dev.switchboard.registry.RegistryApi.serviceToken;
import static dev.switchboard.registry.RegistryApi.tokenFor;
import static dev.switchboard.registry.RegistryApi.uniqueName;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.testsupport.LogCapture;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
class InternalResourceTest {

    private static final String WITH_SECRETS = """
            {"name":"%s","transport":{"type":"stdio","command":"npx","args":["-y","@modelcontextprotocol/server-github"],
             "env":{"GITHUB_PERSONAL_ACCESS_TOKEN":"ghp_internal-secret"}},
             "auth":{"type":"api_key","key":"key-internal-secret","header":"X-Key"}}
            """;

    @Test
    void givesTheServiceRoleTheFullConfigurationAndLogsTheRead() {
        String id = createServer(adminToken(), WITH_SECRETS.formatted(uniqueName("internal")));
        try (LogCapture logs = LogCapture.start()) {
            given().auth().oauth2(serviceToken()).get("/internal/servers/{id}", id).then().statusCode(200)
                    .body("data.transport.env.GITHUB_PERSONAL_ACCESS_TOKEN", equalTo("ghp_internal-secret"))
                    .body("data.auth.key", equalTo("key-internal-secret"))
                    .body("data.auth.header", equalTo("X-Key"));
            given().auth().oauth2(serviceToken()).get("/internal/servers?limit=100").then().statusCode(200)
                    .body("data.items.id", hasItem(id));
            List<String> lines = logs.lines();
            assertTrue(lines.stream().anyMatch(line -> line.contains("Internal read of server configuration " + id)), lines::toString);
            assertTrue(lines.stream().anyMatch(line -> line.contains("Internal read of") && line.contains("server configurations")),
                    lines::toString);
            assertTrue(lines.stream().noneMatch(line -> line.contains("internal-secret")), lines::toString);
        }
    }

    @Test
    void refusesEveryOtherRole() {
        String id = createServer(adminToken(), WITH_SECRETS.formatted(uniqueName("internal-denied")));
        String tenant = createTenant(uniqueName("internal"));
        for (String token : List.of(adminToken(), tokenFor(createKey(adminToken(), "manager", tenant, null)),
                tokenFor(createKey(adminToken(), "user", tenant, null)))) {
            given().auth().oauth2(token).get("/internal/servers/{id}", id).then().statusCode(403)
                    .body("code", equalTo("FORBIDDEN"));
            given().auth().oauth2(token).get("/internal/servers").then().statusCode(403);
        }
        given().get("/internal/servers").then().statusCode(401);
    }

    @Test
    void leavesDeletedServersOut() {
        String id = createServer(adminToken(), WITH_SECRETS.formatted(uniqueName("internal-deleted")));
        given().auth().oauth2(adminToken()).delete("/api/servers/{id}", id).then().statusCode(204);
        given().auth().oauth2(serviceToken()).get("/internal/servers/{id}", id).then().statusCode(404);
    }

    @Test
    void listsTenantsWithTheGlobalServersTheyEnabled() {
        String tenant = createTenant(uniqueName("internal-tenant"));
        String global = createServer(adminToken(), WITH_SECRETS.formatted(uniqueName("internal-global")));
        given().auth().oauth2(adminToken()).contentType("application/merge-patch+json")
                .body("{\"settings\":{\"enabledMcpServers\":[\"" + global + "\"]}}")
                .patch("/api/tenants/{id}", tenant).then().statusCode(200);
        given().auth().oauth2(serviceToken()).get("/internal/tenants?limit=100").then().statusCode(200)
                .body("data.items.find { it.id == '" + tenant + "' }.settings.enabledMcpServers", hasItem(global));
        given().auth().oauth2(adminToken()).get("/internal/tenants").then().statusCode(403);
    }
}
