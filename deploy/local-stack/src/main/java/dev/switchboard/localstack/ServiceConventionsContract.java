package dev.switchboard.localstack;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import org.junit.jupiter.api.Test;

/**
 * What every Switchboard service promises an operator and a client, checked against the running service: health that
 * sees the real database and broker, metrics, API docs, and problem bodies for the errors no resource raises itself.
 * Each service's tests extend it once, naming one of its own JWT-protected GET paths.
 */
public abstract class ServiceConventionsContract {

    /** A GET path of this service that needs a token, such as {@code /api/audit/some-id}. */
    protected abstract String protectedPath();

    @Test
    void isLiveAndReadyWithItsDatabaseAndBroker() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems(containsString("Database"), containsString("Kafka")));
    }

    @Test
    void exposesPrometheusMetricsAndApiDocs() {
        given().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
        given().accept("application/json").get("/q/openapi").then().statusCode(200).body("openapi", notNullValue());
        given().get("/q/swagger-ui/").then().statusCode(200);
    }

    @Test
    void answersAMissingTokenWithAnUnauthorizedProblem() {
        given().get(protectedPath()).then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer")
                .body("code", equalTo("UNAUTHORIZED"))
                .body("success", equalTo(false))
                .body("timestamp", notNullValue());
    }

    @Test
    void answersATokenSignedByAnotherKeyWithAnUnauthorizedProblem() {
        String forged = TestTokens.admin();
        String tampered = forged.substring(0, forged.lastIndexOf('.') + 1) + "c2lnbmF0dXJl";
        given().auth().oauth2(tampered).get(protectedPath()).then().statusCode(401)
                .contentType("application/problem+json")
                .body("code", equalTo("UNAUTHORIZED"));
    }

    @Test
    void refusesEveryForgedTokenWithAnUnauthorizedProblem() {
        TestTokens.forgeries().forEach((forgery, token) -> given().auth().oauth2(token).get(protectedPath()).then()
                .statusCode(401)
                .contentType("application/problem+json")
                .body("code", equalTo("UNAUTHORIZED")));
    }

    @Test
    void answersAnUnknownRouteWithANotFoundProblem() {
        given().auth().oauth2(TestTokens.admin()).get("/api/no-such-thing").then().statusCode(404)
                .contentType("application/problem+json")
                .body("code", equalTo("NOT_FOUND"))
                .body("status", equalTo(404))
                .body(not(containsString("Exception")));
    }
}
