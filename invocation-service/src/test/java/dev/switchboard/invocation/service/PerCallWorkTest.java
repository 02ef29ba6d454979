package dev.switchboard.invocation.service;

import static dev.switchboard.invocation.Registry.awaitState;
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
import java.net.URL;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Counts the work a tool call does, not the time it takes: a change that brings back a per-call token verification
 * or schema compilation fails here, however fast the machine.
 */
@QuarkusTest
class PerCallWorkTest {

    private static final int CALLS = 100;

    @TestHTTPResource(value = "metrics", management = true)
    URL metrics;

    @Test
    void aHundredCallsVerifyTheTokenOnceAndCompileTheSchemaOnce() {
        String name = uniqueName("per-call");
        String tenant = createTenant(uniqueName("per-call"));
        String id = createServer(stdioEverything(name).replace("{\"name\"", "{\"tenantId\":\"" + tenant + "\",\"name\""));
        try {
            awaitState(id, "connected");
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
        } finally {
            Registry.deleteServer(id);
        }
    }

    private double counter(String name) {
        String exposition = given().get(metrics.toString()).then().statusCode(200).extract().asString();
        Matcher line = Pattern.compile("(?m)^" + name + "(\\{[^}]*})? (\\S+)$").matcher(exposition);
        return line.find() ? Double.parseDouble(line.group(2)) : 0;
    }
}
