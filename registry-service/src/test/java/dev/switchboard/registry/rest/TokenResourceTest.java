package dev.switchboard.registry.rest;

import static dev.switchboard.registry.RegistryApi.claims;
import static dev.switchboard.registry.RegistryApi.createKey;
import static dev.switchboard.registry.RegistryApi.createTenant;
import static dev.switchboard.registry.RegistryApi.tokenFor;
import static dev.switchboard.registry.RegistryApi.uniqueName;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.registry.RegistryApi;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@QuarkusTest
class TokenResourceTest {

    @Test
    void exchangesTheBootstrapAdminKeyForAVerifiableAdminToken() throws Exception {
        var response = given().contentType(ContentType.JSON).body("{\"apiKey\":\"" + RegistryApi.BOOTSTRAP_ADMIN_KEY + "\"}")
                .post("/auth/token").then().statusCode(200)
                .body("data.tokenType", equalTo("Bearer"))
                .body("data.expiresIn", equalTo(900))
                .extract();
        String token = response.path("data.accessToken");

        JsonNode claims = claims(token);
        assertEquals("switchboard", claims.get("iss").asText());
        assertEquals("admin", claims.get("groups").get(0).asText());
        assertFalse(claims.has("tenant"));
        given().auth().oauth2(token).get("/api/tenants").then().statusCode(200);
    }

    @Test
    void carriesTheKeysTenantRoleAndToolPatternsAndAcceptsTheHeader() throws Exception {
        String tenant = createTenant(uniqueName("acme"));
        String key = createKey(RegistryApi.adminToken(), "user", tenant, "[\"github/*\",\"*/read_*\"]");

        String token = given().header("X-API-Key", key).post("/auth/token")
                .then().statusCode(200).extract().path("data.accessToken");

        JsonNode claims = claims(token);
        assertEquals(tenant, claims.get("tenant").asText());
        assertEquals("user", claims.get("groups").get(0).asText());
        assertEquals("[\"github/*\",\"*/read_*\"]", claims.get("tools").toString());
        assertTrue(claims.get("exp").asLong() > claims.get("iat").asLong());
    }

    @Test
    void refusesUnknownAndMissingKeysWithAnUnauthorizedProblem() {
        given().contentType(ContentType.JSON).body("{\"apiKey\":\"sb_not-a-key\"}").post("/auth/token")
                .then().statusCode(401).contentType("application/problem+json").body("code", equalTo("UNAUTHORIZED"));
        given().post("/auth/token").then().statusCode(401).body("code", equalTo("UNAUTHORIZED"));
    }

    @Test
    void refusesARevokedKeyAtOnce() {
        String admin = RegistryApi.adminToken();
        String tenant = createTenant(uniqueName("revoke"));
        String key = createKey(admin, "manager", tenant, null);
        tokenFor(key);
        String id = given().auth().oauth2(admin).get("/api/keys?tenantId=" + tenant)
                .then().statusCode(200).extract().path("data.items[0].id");

        given().auth().oauth2(admin).delete("/api/keys/{id}", id).then().statusCode(204);

        given().header("X-API-Key", key).post("/auth/token").then().statusCode(401);
    }

    @Test
    void acceptsTheKeyItselfInEitherHeaderUntilItIsRevoked() {
        String admin = RegistryApi.adminToken();
        String tenant = createTenant(uniqueName("direct"));
        String key = createKey(admin, "manager", tenant, null);

        given().header("X-API-Key", key).get("/api/keys").then().statusCode(200)
                .body("data.items.tenantId", everyItem(equalTo(tenant)));
        given().header("Authorization", "Bearer " + key).get("/api/keys").then().statusCode(200);
        given().header("X-API-Key", "sb_not-a-key").get("/api/keys").then().statusCode(401)
                .body("code", equalTo("UNAUTHORIZED"));

        String id = given().auth().oauth2(admin).get("/api/keys?tenantId=" + tenant)
                .then().statusCode(200).extract().path("data.items[0].id");
        given().auth().oauth2(admin).delete("/api/keys/{id}", id).then().statusCode(204);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().header("X-API-Key", key).get("/api/keys").then().statusCode(401));
    }

    @Test
    void refusesAnExpiredKey() {
        String admin = RegistryApi.adminToken();
        String tenant = createTenant(uniqueName("expiry"));
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body("{\"name\":\"old\",\"role\":\"user\",\"tenantId\":\"" + tenant + "\",\"expiresAt\":\"2020-01-01T00:00:00Z\"}")
                .post("/api/keys").then().statusCode(400).body("errors[0].field", equalTo("expiresAt"));
    }
}
