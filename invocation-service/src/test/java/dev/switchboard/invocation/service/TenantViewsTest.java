package dev.switchboard.invocation.service;

import static dev.switchboard.invocation.Registry.awaitState;
import static dev.switchboard.invocation.Registry.createServer;
import static dev.switchboard.invocation.Registry.createTenant;
import static dev.switchboard.invocation.Registry.patchServer;
import static dev.switchboard.invocation.Registry.stdioEverything;
import static dev.switchboard.invocation.Registry.uniqueName;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.switchboard.invocation.Registry;
import dev.switchboard.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What one tenant's keys see of servers, calls, circuits, caches, prompts and resources: their own, never another's. */
@QuarkusTest
class TenantViewsTest {

    private final List<String> created = new ArrayList<>();

    @AfterEach
    void removeServers() {
        created.forEach(Registry::deleteServer);
        created.clear();
    }

    private String server(String json) {
        String id = createServer(json);
        created.add(id);
        awaitState(id, "connected");
        return id;
    }

    private static String inTenant(String tenant, String serverJson) {
        return serverJson.replace("{\"name\"", "{\"tenantId\":\"" + tenant + "\",\"name\"");
    }

    private static void call(String token, String tool) {
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"arguments\":{\"message\":\"hi\"}}")
                .post("/api/tools/{name}/invoke", tool).then().statusCode(200);
    }

    @Test
    void aManagerSeesOnlyItsOwnTenantsServersCallsAndCircuits() {
        String tenantA = createTenant(uniqueName("monitor-a"));
        String tenantB = createTenant(uniqueName("monitor-b"));
        String nameA = uniqueName("mine");
        String nameB = uniqueName("theirs");
        server(inTenant(tenantA, stdioEverything(nameA)));
        server(inTenant(tenantB, stdioEverything(nameB)));
        String managerA = TestTokens.forRole("manager", tenantA);
        String managerB = TestTokens.forRole("manager", tenantB);
        call(managerA, nameA + "__echo");
        call(managerB, nameB + "__echo");
        call(managerB, nameB + "__echo");

        given().auth().oauth2(managerA).get("/api/monitor").then().statusCode(200)
                .body("data.overview.totalServers", equalTo(1))
                .body("data.overview.connectedServers", equalTo(1))
                .body("data.overview.requestsToday", equalTo(1))
                .body("data.servers.serverName", contains(nameA))
                .body("data.servers[0].status", equalTo("connected"))
                .body("data.servers[0].calls", equalTo(1))
                .body("data.servers[0].errors", equalTo(0))
                .body("data.servers[0].averageLatencyMs", notNullValue())
                .body("data.recentActivity.tool", contains("echo"))
                .body("data.recentActivity[0].serverName", equalTo(nameA))
                .body("data.recentActivity[0].success", equalTo(true))
                .body("data.circuitBreakers.serverName", contains(nameA))
                .body("data.circuitBreakers[0].successCount", equalTo(1));
        given().auth().oauth2(managerA).get("/api/monitor/circuit-breakers").then().statusCode(200)
                .body("data.serverName", contains(nameA));
        given().auth().oauth2(TestTokens.admin()).get("/api/monitor/circuit-breakers").then()
                .body("data.serverName", hasItem(nameB));
    }

    @Test
    void aSharedGlobalServersUsageIsCountedForEachTenantApart() {
        String name = uniqueName("shared");
        server(stdioEverything(name));
        String userA = TestTokens.forRole("user", createTenant(uniqueName("usage-a"), name));
        String userB = TestTokens.forRole("user", createTenant(uniqueName("usage-b"), name));
        for (String user : List.of(userA, userB)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> given().auth().oauth2(user).get("/api/tools?server=" + name)
                    .then().extract().jsonPath().getInt("data.total") > 0);
        }
        call(userB, name + "__echo");
        call(userB, name + "__echo");
        call(userA, name + "__echo");

        given().auth().oauth2(userA).get("/api/tools?server=" + name + "&sortBy=usage&limit=1").then()
                .body("data.items[0].name", equalTo("echo"))
                .body("data.items[0].usageCount", equalTo(1));
        given().auth().oauth2(TestTokens.admin()).get("/api/tools?server=" + name + "&sortBy=usage&limit=1").then()
                .body("data.items[0].usageCount", equalTo(3));
    }

    @Test
    void cacheStatsShowAManagerItsOwnTenantsShare() {
        String tenantA = createTenant(uniqueName("cache-stats-a"));
        String tenantB = createTenant(uniqueName("cache-stats-b"));
        String nameB = uniqueName("cached-b");
        server(inTenant(tenantB, stdioEverything(nameB).replace("}}", "},\"cache\":{\"enabled\":true}}")));
        String managerB = TestTokens.forRole("manager", tenantB);
        call(managerB, nameB + "__echo");
        call(managerB, nameB + "__echo");

        given().auth().oauth2(TestTokens.forRole("manager", tenantA)).get("/api/cache/stats").then().statusCode(200)
                .body("data.entries", equalTo(0))
                .body("data.hits", equalTo(0))
                .body("data.memoryUsage", equalTo(0));
        given().auth().oauth2(managerB).get("/api/cache/stats").then()
                .body("data.entries", equalTo(1))
                .body("data.hits", equalTo(1))
                .body("data.oldestEntry", startsWith("20"));
    }

    @Test
    void aKeyLimitedToOneServerSeesNothingOfAnothersPromptsResourcesOrCapabilities() {
        String tenant = createTenant(uniqueName("narrow"));
        String allowed = uniqueName("allowed");
        String other = uniqueName("other");
        server(inTenant(tenant, stdioEverything(allowed)));
        String otherId = server(inTenant(tenant, stdioEverything(other)));
        String user = TestTokens.token(UUID.randomUUID().toString(), "user", tenant, List.of(allowed + "/*"));

        given().auth().oauth2(user).get("/api/connections/{id}/prompts", otherId).then().statusCode(200)
                .body("data.prompts", empty());
        given().auth().oauth2(user).get("/api/connections/{id}/resources", otherId).then().statusCode(200)
                .body("data.resources", empty())
                .body("data.resourceTemplates", empty());
        given().auth().oauth2(user).contentType(ContentType.JSON)
                .body("{\"serverId\":\"" + otherId + "\",\"uri\":\"demo://resource/static/document/architecture.md\"}")
                .post("/api/resources/read").then().statusCode(404);
        given().auth().oauth2(user).contentType(ContentType.JSON).body("{\"serverId\":\"" + otherId + "\"}")
                .post("/api/prompts/simple-prompt/get").then().statusCode(404);
        given().auth().oauth2(user).get("/api/capabilities").then().statusCode(200)
                .body("data.servers.find { it.serverName == '" + other + "' }.metadata.toolCount", equalTo(0))
                .body("data.servers.find { it.serverName == '" + other + "' }.metadata.promptCount", equalTo(0))
                .body("data.servers.find { it.serverName == '" + other + "' }.metadata.resourceCount", equalTo(0))
                .body("data.servers.find { it.serverName == '" + allowed + "' }.prompts.name", hasItem("simple-prompt"));
    }

    @Test
    void aDisabledServerCannotBeConnectedByHand() {
        String tenant = createTenant(uniqueName("disabled"));
        String id = server(inTenant(tenant, stdioEverything(uniqueName("switched-off"))));
        patchServer(id, "{\"enabled\":false}");
        awaitState(id, "disconnected");
        String manager = TestTokens.forRole("manager", tenant);

        given().auth().oauth2(manager).post("/api/connections/{id}/connect", id).then().statusCode(409)
                .body("code", equalTo("CONFLICT"));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body("{\"serverIds\":[\"" + id + "\"]}")
                .post("/api/connections/bulk/connect").then().statusCode(200)
                .body("data.results[0].success", equalTo(false));
        given().auth().oauth2(manager).get("/api/connections/{id}", id).then()
                .body("data.state", equalTo("disconnected"));
        given().auth().oauth2(manager).get("/api/tools?server=" + id).then()
                                .body("data.total", equalTo(0));
    }
}
