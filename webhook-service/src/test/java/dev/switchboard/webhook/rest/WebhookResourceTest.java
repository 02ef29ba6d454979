package dev.switchboard.webhook.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.switchboard.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

@QuarkusTest
class WebhookResourceTest {

    private static final String HOOK = """
            {"url":"http://127.0.0.1:9/hooks","events":["server.*","tool.error"],"description":"ops channel"}
            """;

    @Test
    void showsTheSigningSecretOnlyAtCreation() {
        String manager = TestTokens.forRole("manager", "tenant-a");
        String id = given().auth().oauth2(manager).contentType(ContentType.JSON).body(HOOK)
                .post("/api/webhooks")
                .then().statusCode(201)
                .body("data.secret", startsWith("whsec_"))
                .body("data.tenantId", equalTo("tenant-a"))
                .body("data.events", hasItem("server.*"))
                .extract().path("data.id");

        String body = given().auth().oauth2(manager).get("/api/webhooks/{id}", id)
                .then().statusCode(200).body("data.url", equalTo("http://127.0.0.1:9/hooks"))
                .body("data.secret", nullValue())
                .extract().asString();
        assertFalse(body.contains("whsec_"));
        given().auth().oauth2(manager).get("/api/webhooks")
                .then().statusCode(200)
                .body("data.items.id", hasItem(id))
                .body("data.limit", equalTo(50))
                .body(not(org.hamcrest.Matchers.containsString("whsec_")));
    }

    @Test
    void hidesAnotherTenantsWebhookFromGetListAndDelete() {
        String id = given().auth().oauth2(TestTokens.forRole("manager", "tenant-a")).contentType(ContentType.JSON)
                .body(HOOK).post("/api/webhooks").then().statusCode(201).extract().path("data.id");
        String other = TestTokens.forRole("manager", "tenant-b");

        given().auth().oauth2(other).get("/api/webhooks/{id}", id).then().statusCode(404).body("code", equalTo("NOT_FOUND"));
        given().auth().oauth2(other).delete("/api/webhooks/{id}", id).then().statusCode(404);
        given().auth().oauth2(other).get("/api/webhooks").then().statusCode(200).body("data.items.id", not(hasItem(id)));
        given().auth().oauth2(TestTokens.admin()).get("/api/webhooks/{id}", id).then().statusCode(200);
    }

    @Test
    void deletesAWebhook() {
        String manager = TestTokens.forRole("manager", "tenant-a");
        String id = given().auth().oauth2(manager).contentType(ContentType.JSON).body(HOOK)
                .post("/api/webhooks").then().statusCode(201).extract().path("data.id");

        given().auth().oauth2(manager).delete("/api/webhooks/{id}", id).then().statusCode(204);
        given().auth().oauth2(manager).get("/api/webhooks/{id}", id).then().statusCode(404);
    }

    @Test
    void refusesAUserRole() {
        given().auth().oauth2(TestTokens.forRole("user", "tenant-a")).contentType(ContentType.JSON).body(HOOK)
                .post("/api/webhooks").then().statusCode(403)
                .contentType("application/problem+json").body("code", equalTo("FORBIDDEN"));
    }

    @Test
    void namesEachInvalidField() {
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body("{\"url\":\"\",\"events\":[]}")
                .post("/api/webhooks").then().statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("VALIDATION_ERROR"))
                .body("errors.field", hasItem("url"))
                .body("errors.field", hasItem("events"));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body("{\"url\":\"ftp://example.com\",\"events\":[\"server.*\"]}")
                .post("/api/webhooks").then().statusCode(400).body("errors[0].field", equalTo("url"));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body("{\"url\":\"http://127.0.0.1/x\",\"events\":[\"server.*\",\"sever.created\"]}")
                .post("/api/webhooks").then().statusCode(400)
                .body("errors[0].field", equalTo("events[1]"))
                .body("errors[0].message", equalTo("matches no event type"));
    }

    @Test
    void answersBadRequestsWithProblemsNeverServerErrors() {
        String admin = TestTokens.admin();
        given().auth().oauth2(admin).contentType(ContentType.JSON).body("{\"url\": ")
                .post("/api/webhooks").then().statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("VALIDATION_ERROR"))
                .body("errors[0].field", equalTo("body"));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body("{\"url\":\"http://x\",\"events\":\"server.*\"}")
                .post("/api/webhooks").then().statusCode(400)
                .body("errors[0].field", equalTo("events"))
                .body("errors[0].message", equalTo("must be an array"));
        given().auth().oauth2(admin).contentType(ContentType.TEXT).body("url=http://x")
                .post("/api/webhooks").then().statusCode(415)
                .contentType("application/problem+json")
                .body("code", equalTo("UNSUPPORTED_MEDIA_TYPE"));
        given().auth().oauth2(admin).get("/api/webhooks/not-a-uuid").then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(admin).get("/api/webhooks?limit=500").then().statusCode(400)
                .body("errors[0].field", equalTo("limit"));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body("{\"url\":\"http://x\",\"events\":[\"*\"],\"pad\":\""
                        + "x".repeat(2_000_000) + "\"}")
                .post("/api/webhooks").then().statusCode(413)
                .contentType("application/problem+json")
                .body("code", equalTo("PAYLOAD_TOO_LARGE"));
    }
}
