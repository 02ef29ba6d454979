package dev.switchboard.invocation.service;

import static dev.switchboard.invocation.Registry.awaitState;
import static dev.switchboard.invocation.Registry.createServer;
import static dev.switchboard.invocation.Registry.deleteServer;
import static dev.switchboard.invocation.Registry.stdioEverything;
import static dev.switchboard.invocation.Registry.uniqueName;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.invocation.RegistryTestResource;
import dev.switchboard.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The registry goes away: what is connected keeps answering, and what needs the registry says so. */
@QuarkusTest
class RegistryOutageTest {

    @Test
    void keepsServingWhatItHasWhileTheRegistryIsDown() {
        String name = uniqueName("orphan");
        String id = createServer(stdioEverything(name));
        try {
            awaitState(id, "connected");
            RegistryTestResource.stopRegistry();
            try {
                given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                        .body("{\"arguments\":{\"message\":\"alone\"}}")
                        .post("/api/tools/{name}/invoke", name + "__echo").then().statusCode(200)
                        .body("data.content[0].text", equalTo("Echo: alone"));
                given().auth().oauth2(TestTokens.admin()).post("/api/reload").then().statusCode(503)
                        .contentType("application/problem+json")
                        .body("code", equalTo("SERVICE_UNAVAILABLE"));
                given().auth().oauth2(TestTokens.admin()).get("/api/connections/{id}", id).then()
                        .body("data.state", equalTo("connected"));
            } finally {
                RegistryTestResource.restartRegistry();
            }
        } finally {
            deleteServer(id);
        }
    }

    /** Without a read timeout, a registry that accepts and never answers would hold the reload, and its caller, forever. */
    @Test
    void answersUnavailableWhenTheRegistryAcceptsButNeverAnswers() throws Exception {
        String admin = TestTokens.admin();
        RegistryTestResource.pauseRegistry();
        try {
            CompletableFuture<Integer> reload = CompletableFuture.supplyAsync(() ->
                    given().auth().oauth2(admin).post("/api/reload").then().extract().statusCode());
            assertEquals(503, reload.get(90, TimeUnit.SECONDS));
        } finally {
            RegistryTestResource.resumeRegistry();
        }
        given().auth().oauth2(admin).post("/api/reload").then().statusCode(200);
    }
}
