package dev.switchboard.webhook.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.localstack.FreePorts;
import dev.switchboard.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Changing a subscription, rotating its secret without a gap, and a test delivery on request. */
@QuarkusTest
class WebhookChangesTest {

    private static final Path RECEIVER = Path.of("src/test/receiver").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String manager = TestTokens.forRole("manager", UUID.randomUUID().toString());

    private String subscribe(String url) {
        return given().auth().oauth2(manager).contentType(ContentType.JSON)
                .body("{\"url\":\"" + url + "\",\"events\":[\"server.*\"]}").post("/api/webhooks").then().statusCode(201)
                .extract().path("data.id");
    }

    @Test
    void patchesAndReplacesWhatMayChangeAndNamesWhatMayNot() {
        String id = subscribe("http://127.0.0.1:9/hooks");
        given().auth().oauth2(manager).contentType("application/merge-patch+json")
                .body("{\"description\":\"billing\",\"enabled\":false,\"events\":[\"server.*\",\"tool.error\"]}")
                .patch("/api/webhooks/{id}", id).then().statusCode(200)
                .body("data.description", equalTo("billing")).body("data.enabled", equalTo(false))
                .body("data.events", contains("server.*", "tool.error"));
        given().auth().oauth2(manager).contentType("application/merge-patch+json").body("{\"description\":null}")
                .patch("/api/webhooks/{id}", id).then().statusCode(200).body("data.description", nullValue())
                .body("data.enabled", equalTo(false));
        given().auth().oauth2(manager).contentType("application/merge-patch+json")
                .body("{\"secret\":\"whsec_mine\",\"enabled\":\"yes\",\"events\":[]}")
                .patch("/api/webhooks/{id}", id).then().statusCode(400).body("code", equalTo("VALIDATION_ERROR"))
                .body("errors.field", hasItems("secret", "enabled", "events"));
        given().auth().oauth2(manager).contentType("application/merge-patch+json").body("{\"url\":\"ftp://files.example/x\"}")
                .patch("/api/webhooks/{id}", id).then().statusCode(400);

        given().auth().oauth2(manager).contentType(ContentType.JSON)
                .body("{\"url\":\"http://127.0.0.1:9/other\",\"events\":[\"tool.*\"]}")
                .put("/api/webhooks/{id}", id).then().statusCode(200)
                .body("data.url", equalTo("http://127.0.0.1:9/other")).body("data.events", contains("tool.*"))
                .body("data.enabled", equalTo(true)).body("data.description", nullValue());
        given().auth().oauth2(manager).contentType(ContentType.JSON).body("{\"url\":\"http://127.0.0.1:9/x\",\"events\":[\"nothing.matches\"]}")
                .put("/api/webhooks/{id}", id).then().statusCode(400).body("errors[0].field", equalTo("events[0]"));
    }

    @Test
    void aRotatedSecretSignsBesideThePreviousOneSoBothReceiversVerify() throws Exception {
        int port = FreePorts.find();
        var created = given().auth().oauth2(manager).contentType(ContentType.JSON)
                .body("{\"url\":\"http://127.0.0.1:" + port + "/hooks\",\"events\":[\"server.*\"]}")
                .post("/api/webhooks").then().statusCode(201).extract().jsonPath();
        String subscription = created.getString("data.id");
        String previous = created.getString("data.secret");
        String rotated = given().auth().oauth2(manager).post("/api/webhooks/{id}/rotate-secret", subscription).then()
                .statusCode(200).body("data.previousSecretValidUntil", notNullValue()).extract().path("data.secret");
        assertTrue(rotated.startsWith("whsec_") && !rotated.equals(previous));

        for (String secret : new String[] {previous, rotated}) {
            Process receiver = new ProcessBuilder("node", "receiver.mjs", String.valueOf(port), secret)
                    .directory(RECEIVER.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(receiver.getInputStream(), StandardCharsets.UTF_8))) {
                assertEquals("listening", lines.readLine());
                given().auth().oauth2(manager).post("/api/webhooks/{id}/test", subscription).then().statusCode(200)
                        .body("data.delivered", equalTo(true)).body("data.statusCode", equalTo(204));
                JsonNode received = JSON.readTree(lines.readLine());
                assertTrue(received.path("verified").asBoolean(), "signed for " + secret + ": " + received);
                assertEquals("webhook.test", received.path("type").asText());
            } finally {
                receiver.destroy();
                receiver.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void aTestToAReceiverThatIsDownSaysSo() throws Exception {
        int closed = FreePorts.find();
        String id = subscribe("http://127.0.0.1:" + closed + "/hooks");
        given().auth().oauth2(manager).post("/api/webhooks/{id}/test", id).then().statusCode(200)
                .body("data.delivered", equalTo(false)).body("data.statusCode", nullValue())
                .body("data.error", notNullValue());
    }
}
