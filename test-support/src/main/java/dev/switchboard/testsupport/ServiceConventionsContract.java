package dev.switchboard.testsupport;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import dev.switchboard.model.api.ErrorCode;
import io.restassured.path.json.JsonPath;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * What every Switchboard service promises an operator and a client, checked against the running service: health that
 * sees the real database and broker, metrics, API docs, and problem bodies for the errors no resource raises itself.
 * Each service's tests extend it once, naming one of its own JWT-protected GET paths.
 */
public abstract class ServiceConventionsContract {

    /**
     * The management interface's root, {@code /q} on a port of its own, where health, metrics and API docs are served
     * apart from the application port.
     */
    @TestHTTPResource(value = "/", management = true)
    protected URL management;

    /** A GET path of this service that needs a token, such as {@code /api/audit/some-id}. */
    protected abstract String protectedPath();

    /** Every collection of this service that an admin may list, such as {@code /api/servers}. */
    protected abstract List<String> collectionPaths();

    @Test
    void pagesEveryCollectionAlikeAndRefusesABadPageByField() {
        for (String collection : collectionPaths()) {
            given().auth().oauth2(TestTokens.admin()).get(collection).then().statusCode(200)
                    .body("data.limit", equalTo(50)).body("data.offset", equalTo(0));
            given().auth().oauth2(TestTokens.admin()).queryParam("limit", 1).queryParam("offset", 2).get(collection)
                    .then().statusCode(200)
                    .body("data.limit", equalTo(1)).body("data.offset", equalTo(2));
            given().auth().oauth2(TestTokens.admin()).queryParam("limit", 0).queryParam("offset", -1).get(collection)
                    .then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("code", equalTo("VALIDATION_ERROR"))
                    .body("errors.field", containsInAnyOrder("limit", "offset"));
            given().auth().oauth2(TestTokens.admin()).queryParam("limit", 101).get(collection).then().statusCode(400)
                    .body("errors.field", contains("limit"));
            given().auth().oauth2(TestTokens.admin()).queryParam("limit", "ten").queryParam("offset", 1).get(collection)
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("code", equalTo("VALIDATION_ERROR"))
                    .body("errors.field", contains("limit"));
        }
    }

    @Test
    void isLiveAndReadyWithItsDatabaseAndBrokerOnTheManagementInterface() {
        given().baseUri(base()).get("/health/live").then().statusCode(200).body("status", equalTo("UP"));
        // Readiness comes from background checks, and waits for the key revocations of the look-back to be read.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().baseUri(base()).get("/health/ready").then()
                .log().ifValidationFails()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems(containsString("Database"), containsString("Kafka"),
                        containsString("Key revocations"))));
    }

    @Test
    void exposesPrometheusMetricsAndApiDocsOnTheManagementInterfaceOnly() {
        given().baseUri(base()).get("/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
        given().baseUri(base()).accept("application/json").get("/openapi").then().statusCode(200)
                .body("openapi", notNullValue())
                .body("info.license.url", notNullValue())
                .body("servers.url", contains(startsWith("http://localhost:")))
                .body("servers.url", not(contains(base())));
        given().baseUri(base()).get("/swagger-ui/").then().statusCode(200);
        for (String operations : new String[] {"/q/metrics", "/q/openapi", "/q/health/ready", "/q/swagger-ui/"}) {
            given().get(operations).then().statusCode(404);
        }
    }

    @Test
    void declaresEverySecuritySchemeItsOperationsRequire() {
        JsonPath document = given().baseUri(base()).accept("application/json").get("/openapi").then().statusCode(200)
                .extract().jsonPath();
        Map<String, Object> schemes = document.getMap("components.securitySchemes");
        Map<String, Map<String, Object>> paths = document.getMap("paths");
        Set<String> required = new TreeSet<>();
        paths.values().forEach(operations -> operations.values().forEach(operation -> {
            if (operation instanceof Map<?, ?> described && described.get("security") instanceof List<?> security) {
                security.stream().filter(Map.class::isInstance)
                        .forEach(requirement -> ((Map<?, ?>) requirement).keySet().forEach(name -> required.add(name.toString())));
            }
        }));
        assertFalse(required.isEmpty(), "some operation requires a scheme");
        assertTrue(schemes.keySet().containsAll(required), "required " + required + ", declared " + schemes.keySet());
    }

    @Test
    void documentsTheProblemsEverySecuredOperationCanAnswer() {
        JsonPath document = given().baseUri(base()).accept("application/json").get("/openapi").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(Arrays.stream(ErrorCode.values()).map(Enum::name).toList(),
                document.getList("components.schemas.Problem.properties.code.enum"));
        Map<String, Map<String, Map<String, Object>>> paths = document.getMap("paths");
        List<String> undocumented = new ArrayList<>();
        paths.forEach((path, operations) -> operations.forEach((method, operation) -> {
            if (operation.get("security") == null) {
                return;
            }
            for (String status : List.of("401", "403", "default")) {
                String schema = document.getString("paths.'" + path + "'." + method + ".responses.'" + status
                        + "'.content.'application/problem+json'.schema.$ref");
                if (!"#/components/schemas/Problem".equals(schema)) {
                    undocumented.add(method + " " + path + " " + status);
                }
            }
        }));
        assertEquals(List.of(), undocumented);
    }

    /**
     * OpenMetrics, as Prometheus asks for it, allows each family only the sample names of its type; the reference
     * parser refuses a whole scrape over one that breaks the rule.
     */
    @Test
    void servesOpenMetricsWhoseSamplesBelongToTheirFamilies() {
        String exposition = given().baseUri(base())
                .accept("application/openmetrics-text; version=1.0.0; charset=utf-8").get("/metrics").then()
                .statusCode(200).contentType(containsString("application/openmetrics-text")).extract().asString();
        assertTrue(exposition.endsWith("# EOF\n"), "ends with # EOF");
        assertEquals(List.of(), OpenMetricsNames.strays(exposition));
    }

    private String base() {
        return management.toString().replaceAll("/$", "");
    }

    /** A path of the management interface, such as {@code openapi}, as a whole URL. */
    protected String operations(String path) {
        return base() + "/" + path;
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
