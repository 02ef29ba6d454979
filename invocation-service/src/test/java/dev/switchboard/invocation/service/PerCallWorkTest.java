package dev.switchboard.invocation.service;

import static dev.switchboard.invocation.Registry.awaitState;
import static dev.switchboard.invocation.Registry.createKey;
import static dev.switchboard.invocation.Registry.createServer;
import static dev.switchboard.invocation.Registry.createTenant;
import static dev.switchboard.invocation.Registry.stdioEverything;
import static dev.switchboard.invocation.Registry.uniqueName;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.invocation.Registry;
import dev.switchboard.testsupport.TestTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.net.URL;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Counts the work a tool call does, not the time it takes: a change that brings back a per-call token verification,
 * schema compilation or session id opening fails here, however fast the machine.
 */
@QuarkusTest
class PerCallWorkTest {

    private static final int CALLS = 100;

    @TestHTTPResource(value = "metrics", management = true)
    URL metrics;

    private String name;
    private String tenant;
    private String serverId;

    @BeforeEach
    void connectATenantsServer() {
        name = uniqueName("per-call");
        tenant = createTenant(uniqueName("per-call"));
        serverId = createServer(stdioEverything(name).replace("{\"name\"", "{\"tenantId\":\"" + tenant + "\",\"name\""));
        awaitState(serverId, "connected");
    }

    @AfterEach
    void removeServer() {
        Registry.deleteServer(serverId);
    }

    @Test
    void aHundredCallsVerifyTheTokenOnceAndCompileTheSchemaOnce() {
        String token = TestTokens.forRole("user", tenant);
        double verifiedBefore = counter("switchboard_tokens_verified_total");
        double compiledBefore = counter("switchboard_tool_schemas_compiled_total");

        for (int call = 0; call < CALLS; call++) {
            given().auth().oauth2(token).contentType(ContentType.JSON)
                    .body("{\"arguments\":{\"message\":\"call " + call + "\"}}")
                    .post("/api/tools/{name}/invoke", name + "__echo")
                    .then().statusCode(200).body("data.content[0].text", equalTo("Echo: call " + call));
        }

        assertEquals(1, counter("switchboard_tokens_verified_total") - verifiedBefore,
                "token signatures verified during " + CALLS + " calls with one token");
        assertEquals(1, counter("switchboard_tool_schemas_compiled_total") - compiledBefore,
                "input schemas compiled during " + CALLS + " calls of one tool");
    }

    @Test
    void aHundredCallsThroughMcpOpenTheSessionIdOnce() {
        String key = createKey("user", tenant, List.of()).secret();
        String session = mcp(key).body("{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{"
                        + "\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},"
                        + "\"clientInfo\":{\"name\":\"curl\",\"version\":\"1\"}}}")
                .post("/mcp").then().statusCode(200).extract().header("Mcp-Session-Id");
        double openedBefore = counter("switchboard_mcp_session_ids_opened_total");

        for (int call = 1; call <= CALLS; call++) {
            mcp(key).header("Mcp-Session-Id", session)
                    .body("{\"jsonrpc\":\"2.0\",\"id\":" + call + ",\"method\":\"tools/call\",\"params\":{\"name\":\""
                            + name + "__echo\",\"arguments\":{\"message\":\"call " + call + "\"}}}")
                    .post("/mcp").then().statusCode(200).body("result.content[0].text", equalTo("Echo: call " + call));
        }

        assertEquals(1, counter("switchboard_mcp_session_ids_opened_total") - openedBefore,
                "session ids opened during " + CALLS + " calls in one session");
    }

    private static RequestSpecification mcp(String apiKey) {
        return given().header("X-API-Key", apiKey).contentType(ContentType.JSON)
                .accept("application/json, text/event-stream");
    }

    private double counter(String meter) {
        String exposition = given().get(metrics.toString()).then().statusCode(200).extract().asString();
        Matcher line = Pattern.compile("(?m)^" + meter + "(\\{[^}]*})? (\\S+)$").matcher(exposition);
        return line.find() ? Double.parseDouble(line.group(2)) : 0;
    }
}
