package dev.switchboard.registry.rest;

import static dev.switchboard.registry.RegistryApi.adminToken;
import static dev.switchboard.registry.RegistryApi.claims;
import static dev.switchboard.registry.RegistryApi.createKey;
import static dev.switchboard.registry.RegistryApi.createTenant;
import static dev.switchboard.registry.RegistryApi.tokenFor;
import static dev.switchboard.registry.RegistryApi.uniqueName;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.model.event.Topics;
import dev.switchboard.testsupport.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

@QuarkusTest
class KeyResourceTest {

    @Test
    void showsTheKeyOnceAndAfterwardsOnlyItsPrefix() {
        String tenant = createTenant(uniqueName("keys"));
        var created = given().auth().oauth2(adminToken()).contentType(ContentType.JSON)
                .body("{\"name\":\"ci\",\"role\":\"manager\",\"tenantId\":\"" + tenant + "\"}")
                .post("/api/keys").then().statusCode(201)
                .body("data.key", startsWith("sb_"))
                .body("data.role", equalTo("manager"))
                .extract();
        String key = created.path("data.key");
        String prefix = created.path("data.prefix");
        assertEquals(key.substring(0, prefix.length()), prefix);

        String list = given().auth().oauth2(adminToken()).get("/api/keys?tenantId=" + tenant)
                .then().statusCode(200)
                .body("data.items.name", hasItem("ci"))
                .body("data.items.prefix", hasItem(prefix))
                .extract().asString();
        assertFalse(list.contains(key), "the key is never listed");
    }

    @Test
    void letsAManagerManageKeysOfItsOwnTenantOnly() {
        String tenant = createTenant(uniqueName("own"));
        String other = createTenant(uniqueName("other"));
        String manager = tokenFor(createKey(adminToken(), "manager", tenant, null));
        String otherManager = tokenFor(createKey(adminToken(), "manager", other, null));

        String userKey = createKey(manager, "user", null, "[\"github/*\"]");
        given().auth().oauth2(manager).contentType(ContentType.JSON)
                .body("{\"name\":\"x\",\"role\":\"user\",\"tenantId\":\"" + other + "\"}")
                .post("/api/keys").then().statusCode(403).body("code", equalTo("FORBIDDEN"));
        given().auth().oauth2(manager).contentType(ContentType.JSON)
                .body("{\"name\":\"x\",\"role\":\"admin\"}")
                .post("/api/keys").then().statusCode(403);

        String userKeyId = given().auth().oauth2(manager).get("/api/keys")
                .then().statusCode(200)
                .body("data.items.tenantId", everyItem(equalTo(tenant)))
                .extract().path("data.items.find { it.role == 'user' }.id");
        given().auth().oauth2(otherManager).get("/api/keys").then().statusCode(200)
                .body("data.items.id", not(hasItem(userKeyId)));
        given().auth().oauth2(otherManager).delete("/api/keys/{id}", userKeyId).then().statusCode(404);
        given().auth().oauth2(manager).delete("/api/keys/{id}", userKeyId).then().statusCode(204);
        given().header("X-API-Key", userKey).post("/auth/token").then().statusCode(401);
    }

    @Test
    void refusesTheTokensOfARevokedKeyOnEveryRequestWithinSeconds() {
        String tenant = createTenant(uniqueName("deny"));
        String key = createKey(adminToken(), "user", tenant, null);
        String token = tokenFor(key);
        given().auth().oauth2(token).get("/api/servers").then().statusCode(200);
        String id = given().auth().oauth2(adminToken()).get("/api/keys?tenantId=" + tenant)
                .then().extract().path("data.items[0].id");

        given().auth().oauth2(adminToken()).delete("/api/keys/{id}", id).then().statusCode(204);

        await().atMost(Duration.ofSeconds(15)).until(() ->
                given().auth().oauth2(token).get("/api/servers").statusCode() == 401);
    }

    @Test
    void aKeyCannotCreateAKeyWiderThanItself() {
        String tenant = createTenant(uniqueName("narrow"));
        String expiry = Instant.now().plus(Duration.ofDays(7)).truncatedTo(ChronoUnit.SECONDS).toString();
        String limited = tokenFor(given().auth().oauth2(adminToken()).contentType(ContentType.JSON)
                .body("{\"name\":\"limited\",\"role\":\"manager\",\"tenantId\":\"" + tenant
                        + "\",\"tools\":[\"github/*\"],\"expiresAt\":\"" + expiry + "\"}")
                .post("/api/keys").then().statusCode(201).extract().<String>path("data.key"));

        given().auth().oauth2(limited).contentType(ContentType.JSON).body("{\"name\":\"all\",\"role\":\"user\"}")
                .post("/api/keys").then().statusCode(400)
                .body("code", equalTo("VALIDATION_ERROR"))
                .body("errors.field", containsInAnyOrder("tools", "expiresAt"));
        given().auth().oauth2(limited).contentType(ContentType.JSON)
                .body("{\"name\":\"wider\",\"role\":\"user\",\"tools\":[\"*/*\"],\"expiresAt\":\"" + expiry + "\"}")
                .post("/api/keys").then().statusCode(400)
                .body("errors.field", contains("tools"));
        given().auth().oauth2(limited).contentType(ContentType.JSON)
                .body("{\"name\":\"later\",\"role\":\"user\",\"tools\":[\"github/list_*\"],\"expiresAt\":\""
                        + Instant.now().plus(Duration.ofDays(30)) + "\"}")
                .post("/api/keys").then().statusCode(400)
                .body("errors.field", contains("expiresAt"));
        given().auth().oauth2(limited).contentType(ContentType.JSON)
                .body("{\"name\":\"narrower\",\"role\":\"user\",\"tools\":[\"github/list_*\"],\"expiresAt\":\""
                        + Instant.now().plus(Duration.ofDays(1)) + "\"}")
                .post("/api/keys").then().statusCode(201)
                .body("data.tools", contains("github/list_*"));
    }

    @Test
    void aKeyCarriesItsOwnRateLimitsIntoItsTokensAndHandsOutNoMore() throws Exception {
        String tenant = createTenant(uniqueName("paced"));
        String paced = given().auth().oauth2(adminToken()).contentType(ContentType.JSON)
                .body("{\"name\":\"paced\",\"role\":\"manager\",\"tenantId\":\"" + tenant
                        + "\",\"rateLimits\":{\"requestsPerMinute\":30,\"requestsPerDay\":1000}}")
                .post("/api/keys").then().statusCode(201)
                .body("data.rateLimits.requestsPerMinute", equalTo(30))
                .body("data.rateLimits.requestsPerDay", equalTo(1000))
                .extract().path("data.key");
        String token = tokenFor(paced);
        JsonNode claims = claims(token);
        assertEquals(30, claims.at("/rateLimits/requestsPerMinute").asInt());
        assertEquals(1000, claims.at("/rateLimits/requestsPerDay").asInt());

        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"name\":\"unbounded\",\"role\":\"user\"}")
                .post("/api/keys").then().statusCode(400)
                .body("errors.field", containsInAnyOrder("rateLimits.requestsPerMinute", "rateLimits.requestsPerDay"));
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"name\":\"slower\",\"role\":\"user\",\"rateLimits\":{\"requestsPerMinute\":10,"
                        + "\"requestsPerDay\":100}}")
                .post("/api/keys").then().statusCode(201)
                .body("data.rateLimits.requestsPerMinute", equalTo(10));
        given().auth().oauth2(adminToken()).contentType(ContentType.JSON)
                .body("{\"name\":\"zero\",\"role\":\"user\",\"tenantId\":\"" + tenant
                        + "\",\"rateLimits\":{\"requestsPerMinute\":0}}")
                .post("/api/keys").then().statusCode(400)
                .body("errors.field", contains("rateLimits.requestsPerMinute"));
        assertFalse(claims(tokenFor(createKey(adminToken(), "user", tenant, null))).has("rateLimits"));
    }

    @Test
    void refusesKeyManagementToAUser() {
        String tenant = createTenant(uniqueName("users"));
        String user = tokenFor(createKey(adminToken(), "user", tenant, null));

        given().auth().oauth2(user).get("/api/keys").then().statusCode(403).body("code", equalTo("FORBIDDEN"));
        given().auth().oauth2(user).contentType(ContentType.JSON).body("{\"name\":\"x\",\"role\":\"user\"}")
                .post("/api/keys").then().statusCode(403);
    }

    @Test
    void validatesEachField() {
        given().auth().oauth2(adminToken()).contentType(ContentType.JSON)
                .body("{\"name\":\"\",\"role\":\"root\",\"tools\":[\"no-slash\"]}")
                .post("/api/keys").then().statusCode(400)
                .body("errors.field", hasItem("name"))
                .body("errors.field", hasItem("role"))
                .body("errors.field", hasItem("tools[0]"));
        given().auth().oauth2(adminToken()).contentType(ContentType.JSON)
                .body("{\"name\":\"x\",\"role\":\"user\"}")
                .post("/api/keys").then().statusCode(400).body("errors[0].field", equalTo("tenantId"));
        given().auth().oauth2(adminToken()).delete("/api/keys/not-a-uuid").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void publishesCreationAndRevocationWithoutTheKey() {
        String tenant = createTenant(uniqueName("events"));
        String key = createKey(adminToken(), "user", tenant, null);
        String id = given().auth().oauth2(adminToken()).get("/api/keys?tenantId=" + tenant)
                .then().extract().path("data.items[0].id");
        given().auth().oauth2(adminToken()).delete("/api/keys/{id}", id).then().statusCode(204);

        var events = TopicReader.read(Topics.REGISTRY, record -> id.equals(record.key()), 2, Duration.ofSeconds(30));

        assertEquals(2, events.size());
        org.hamcrest.MatcherAssert.assertThat(events.get(0).value(), containsString("\"type\":\"api_key.created\""));
        org.hamcrest.MatcherAssert.assertThat(events.get(1).value(), containsString("\"type\":\"api_key.revoked\""));
        org.hamcrest.MatcherAssert.assertThat(events.get(1).value(), containsString("\"tenantid\":\"" + tenant + "\""));
        assertFalse(events.get(0).value().contains(key));
    }
}
