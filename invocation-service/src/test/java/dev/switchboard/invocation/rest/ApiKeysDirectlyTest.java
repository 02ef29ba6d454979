package dev.switchboard.invocation.rest;

import static dev.switchboard.invocation.Registry.awaitState;
import static dev.switchboard.invocation.Registry.createKey;
import static dev.switchboard.invocation.Registry.createServer;
import static dev.switchboard.invocation.Registry.createTenant;
import static dev.switchboard.invocation.Registry.stdioEverything;
import static dev.switchboard.invocation.Registry.uniqueName;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.switchboard.invocation.Registry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** DESIGN §4 "keys directly": the API key itself, in either header most clients can set, checked against the registry. */
@QuarkusTest
class ApiKeysDirectlyTest {

    private String tenant;
    private String name;
    private String serverId;

    /** A tenant of its own with one connected server, which the test's keys belong to. */
    private void connectAServerInANewTenant(String prefix) {
        tenant = createTenant(uniqueName(prefix));
        name = uniqueName(prefix);
        serverId = createServer(stdioEverything(name).replace("{\"name\"", "{\"tenantId\":\"" + tenant + "\",\"name\""));
        awaitState(serverId, "connected");
    }

    @AfterEach
    void removeTheServer() {
        if (serverId != null) {
            Registry.deleteServer(serverId);
        }
    }

    @Test
    void aKeyInEitherHeaderSeesWhatItsTokenWouldAndStopsWorkingOnceRevoked() {
        connectAServerInANewTenant("direct-keys");
        Registry.Key created = createKey("user", tenant, List.of(name + "/echo"));
        String key = created.secret();

        given().header("X-API-Key", key).get("/api/tools?limit=100").then().statusCode(200)
                .body("data.items.qualifiedName", contains(name + "__echo"));
        given().header("Authorization", "Bearer " + key).contentType(ContentType.JSON)
                .body("{\"arguments\":{\"message\":\"keyed\"}}").post("/api/tools/{name}/invoke", name + "__echo")
                .then().statusCode(200).body("data.content[0].text", equalTo("Echo: keyed"));

        Registry.revokeKey(created.id());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().header("X-API-Key", key)
                .get("/api/tools").then().statusCode(401));
    }

    @Test
    void aKeysOwnRateLimitHoldsAndEveryAnswerReportsWhatIsLeftOfIt() {
        connectAServerInANewTenant("paced");
        String key = createKey("user", tenant, List.of(), Map.of("requestsPerMinute", 2)).secret();

        given().header("X-API-Key", key).get("/api/tools?limit=1").then().statusCode(200)
                .header("X-RateLimit-Limit", "2")
                .header("X-RateLimit-Remaining", "2")
                .header("X-RateLimit-Reset", notNullValue());
        for (int call = 0; call < 2; call++) {
            invokeEcho(key, name).then().statusCode(200).header("X-RateLimit-Limit", "2");
        }
        invokeEcho(key, name).then().statusCode(429)
                .header("Retry-After", notNullValue())
                .body("code", equalTo("RATE_LIMITED"))
                .body("detail", containsString("this key"));
        given().header("X-API-Key", key).get("/api/connections").then().statusCode(200)
                .header("X-RateLimit-Remaining", "0");
    }

    private static io.restassured.response.Response invokeEcho(String key, String server) {
        return given().header("X-API-Key", key).contentType(ContentType.JSON)
                .body("{\"arguments\":{\"message\":\"paced\"}}").post("/api/tools/{name}/invoke", server + "__echo");
    }

    @Test
    void anUnknownKeyAnswers401WithAChallenge() {
        given().header("X-API-Key", "sbk_not-a-key").get("/api/tools").then().statusCode(401)
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("code", equalTo("UNAUTHORIZED"));
        given().header("Authorization", "Bearer sbk_not-a-key").get("/api/tools").then().statusCode(401)
                .body("code", equalTo("UNAUTHORIZED"));
    }
}
