package dev.switchboard.invocation.service;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import dev.switchboard.invocation.McpTestServers;
import dev.switchboard.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Trying a configuration before saving it, under the same rules as saving it. */
@QuarkusTest
class ConnectionTestServiceTest {

    private static final String STDIO = "{\"transport\":{\"type\":\"stdio\",\"command\":\"node\",\"args\":[\""
            + McpTestServers.EVERYTHING + "\",\"stdio\"]}}";

    @Test
    void reportsAWorkingConfigurationAndListsItsTools() {
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(STDIO)
                .post("/api/connections/test").then().statusCode(200)
                .body("data.success", equalTo(true))
                .body("data.toolCount", greaterThan(5))
                .body("data.protocolVersion", notNullValue())
                .body("data.serverInfo", notNullValue());
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(STDIO)
                .post("/api/connections/test/tools").then().statusCode(200)
                .body("data.tools.name", hasItem("echo"));
    }

    @Test
    void reportsAConfigurationThatCannotConnect() {
        String nobody = "http://127.0.0.1:" + McpTestServers.freePort() + "/mcp";
        String body = "{\"transport\":{\"type\":\"http\",\"url\":\"" + nobody + "\"}}";
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(body)
                .post("/api/connections/test").then().statusCode(200)
                .body("data.success", equalTo(false))
                .body("data.error", notNullValue());
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(body)
                .post("/api/connections/test/tools").then().statusCode(502).body("code", equalTo("UPSTREAM_ERROR"));
    }

    @Test
    void appliesTheRegistrysRulesFirst() {
        given().auth().oauth2(TestTokens.forRole("manager", UUID.randomUUID().toString())).contentType(ContentType.JSON)
                .body(STDIO).post("/api/connections/test").then().statusCode(403);
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body("{\"transport\":{\"type\":\"stdio\",\"command\":\"/bin/sh\",\"args\":[\"-c\",\"id\"]}}")
                .post("/api/connections/test").then().statusCode(400)
                .body("errors[0].field", equalTo("transport.command"));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body("{\"transport\":{\"type\":\"telnet\"}}")
                .post("/api/connections/test").then().statusCode(400)
                .body("errors[0].field", equalTo("transport.type"));
        given().auth().oauth2(TestTokens.forRole("user", UUID.randomUUID().toString())).contentType(ContentType.JSON)
                .body(STDIO).post("/api/connections/test").then().statusCode(403);
    }
}
