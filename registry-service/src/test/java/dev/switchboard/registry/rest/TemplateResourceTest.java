package dev.switchboard.registry.rest;

import static dev.switchboard.registry.RegistryApi.adminToken;
import static dev.switchboard.registry.RegistryApi.createKey;
import static dev.switchboard.registry.RegistryApi.createTenant;
import static dev.switchboard.registry.RegistryApi.serviceToken;
import static dev.switchboard.registry.RegistryApi.tokenFor;
import static dev.switchboard.registry.RegistryApi.uniqueName;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class TemplateResourceTest {

    @Test
    void listsAtLeastADozenWellKnownServersToAnyRole() {
        String user = tokenFor(createKey(adminToken(), "user", createTenant(uniqueName("tpl")), null));
        given().auth().oauth2(user).get("/api/templates").then().statusCode(200)
                .body("data.total", greaterThanOrEqualTo(12))
                .body("data.items.id", hasItems("everything", "filesystem", "memory", "fetch", "git", "github",
                        "gitlab", "postgres", "sqlite", "slack", "brave-search", "puppeteer"));
    }

    @Test
    void filtersByCategoryAndSearch() {
        given().auth().oauth2(adminToken()).get("/api/templates?category=databases").then().statusCode(200)
                .body("data.items.id", contains("postgres", "sqlite"))
                .body("data.items.category", everyItem(equalTo("databases")));
        given().auth().oauth2(adminToken()).get("/api/templates?search=PULL REQUEST").then().statusCode(200)
                .body("data.items.id", contains("github"));
    }

    @Test
    void describesEachPlaceholderAndWhetherItIsRequired() {
        given().auth().oauth2(adminToken()).get("/api/templates/slack").then().statusCode(200)
                .body("data.command", equalTo("npx"))
                .body("data.envPlaceholders.key", contains("SLACK_BOT_TOKEN", "SLACK_TEAM_ID"))
                .body("data.envPlaceholders.required", everyItem(equalTo(true)));
        given().auth().oauth2(adminToken()).get("/api/templates/no-such-template").then().statusCode(404)
                .body("code", equalTo("NOT_FOUND"));
    }

    @Test
    void instantiatesATemplateWithItsPlaceholdersFilledIn() {
        String name = uniqueName("files");
        String id = given().auth().oauth2(adminToken()).contentType(ContentType.JSON)
                .body("{\"name\":\"" + name + "\",\"env\":{\"ALLOWED_DIR\":\"/srv/shared\"}}")
                .post("/api/templates/filesystem/instantiate").then().statusCode(201)
                .body("data.name", equalTo(name))
                .body("data.transport.type", equalTo("stdio"))
                .body("data.transport.command", equalTo("npx"))
                .body("data.transport.args", contains("-y", "@modelcontextprotocol/server-filesystem", "/srv/shared"))
                .body("data.metadata.category", equalTo("files"))
                .body("data.status", equalTo("disconnected"))
                .extract().path("data.id");
        given().auth().oauth2(adminToken()).get("/api/servers/{id}", id).then().statusCode(200);

        given().auth().oauth2(adminToken()).contentType(ContentType.JSON)
                .body("{\"name\":\"" + uniqueName("gh") + "\",\"env\":{\"GITHUB_PERSONAL_ACCESS_TOKEN\":\"ghp_template-secret\"}}")
                .post("/api/templates/github/instantiate").then().statusCode(201)
                .body("data.transport.env.GITHUB_PERSONAL_ACCESS_TOKEN", equalTo("***"));
    }

    @Test
    void aTemplateSecretGoesOnlyIntoTheSealedEnvironmentNeverIntoArguments() throws Exception {
        given().auth().oauth2(adminToken()).get("/api/templates/postgres").then().statusCode(200)
                .body("data.envPlaceholders.find { it.key == 'DATABASE_URI' }.secret", equalTo(true));
        String id = given().auth().oauth2(adminToken()).contentType(ContentType.JSON)
                .body("{\"name\":\"" + uniqueName("pg") + "\",\"env\":{\"DATABASE_URI\":\"postgresql://app:db-secret-1@db/app\"}}")
                .post("/api/templates/postgres/instantiate").then().statusCode(201)
                .body("data.transport.args", not(hasItem(containsString("db-secret-1"))))
                .body("data.transport.env.DATABASE_URI", equalTo("***"))
                .extract().path("data.id");
        String export = given().auth().oauth2(adminToken()).get("/api/servers/export").then().statusCode(200)
                .extract().asString();
        assertFalse(export.contains("db-secret-1"), export);
        given().auth().oauth2(serviceToken()).get("/internal/servers/{id}", id).then()
                .body("data.transport.env.DATABASE_URI", equalTo("postgresql://app:db-secret-1@db/app"));
    }

    @Test
    void everyTemplateKeepsItsSecretsOutOfItsArgumentsAndUrl() {
        List<Map<String, Object>> templates = given().auth().oauth2(adminToken()).get("/api/templates?limit=100")
                .then().statusCode(200).extract().path("data.items");
        for (Map<String, Object> template : templates) {
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> placeholders = (List<Map<String, Object>>) template.get("envPlaceholders");
            @SuppressWarnings("unchecked")
            List<String> inClear = new ArrayList<>((List<String>) template.getOrDefault("args", List.of()));
            if (template.get("url") != null) {
                inClear.add((String) template.get("url"));
            }
            placeholders.stream().filter(placeholder -> Boolean.TRUE.equals(placeholder.get("secret"))).forEach(secret ->
                    assertTrue(inClear.stream().noneMatch(text -> text.contains("${" + secret.get("key") + "}")),
                            template.get("id") + " puts " + secret.get("key") + " where it is shown in clear"));
        }
    }

    @Test
    void describesATemplateAsTheReferenceDoes() {
        given().auth().oauth2(adminToken()).get("/api/templates/github").then().statusCode(200)
                .body("data.id", equalTo("github"))
                .body("data.name", equalTo("GitHub"))
                .body("data.icon", equalTo("github"))
                .body("data.category", equalTo("development"))
                .body("data.transport", equalTo("stdio"))
                .body("data.command", equalTo("npx"))
                .body("data.args", contains("-y", "@modelcontextprotocol/server-github"))
                .body("data.envPlaceholders[0].key", equalTo("GITHUB_PERSONAL_ACCESS_TOKEN"))
                .body("data.envPlaceholders[0].description", not(emptyOrNullString()))
                .body("data.envPlaceholders[0].required", equalTo(true))
                .body("data.documentation", startsWith("https://github.com/"))
                .body("data.npmPackage", equalTo("@modelcontextprotocol/server-github"));
        given().auth().oauth2(adminToken()).get("/api/templates/deepwiki").then().statusCode(200)
                .body("data.transport", equalTo("http"))
                .body("data.url", equalTo("https://mcp.deepwiki.com/mcp"))
                .body("data.envPlaceholders", empty());
    }

    @Test
    void aManagerMakesARemoteServerInItsOwnTenantWithTheTokenSealed() {
        String tenant = createTenant(uniqueName("tpl-remote"));
        String manager = tokenFor(createKey(adminToken(), "manager", tenant, null));
        String id = given().auth().oauth2(manager).contentType(ContentType.JSON)
                .body("{\"name\":\"" + uniqueName("remote") + "\",\"env\":{\"SERVER_URL\":\"https://203.0.113.10/mcp\","
                        + "\"BEARER_TOKEN\":\"remote-template-secret\"}}")
                .post("/api/templates/remote-http/instantiate").then().statusCode(201)
                .body("data.tenantId", equalTo(tenant))
                .body("data.transport.type", equalTo("http"))
                .body("data.transport.url", equalTo("https://203.0.113.10/mcp"))
                .body("data.auth.type", equalTo("bearer"))
                .body("data.auth.token", equalTo("***"))
                .body("data.metadata.category", equalTo("remote"))
                .extract().path("data.id");
        given().auth().oauth2(serviceToken()).get("/internal/servers/{id}", id).then()
                .body("data.auth.token", equalTo("remote-template-secret"));

        given().auth().oauth2(manager).contentType(ContentType.JSON)
                .body("{\"name\":\"" + uniqueName("anonymous") + "\",\"env\":{\"SERVER_URL\":\"https://203.0.113.10/mcp\"}}")
                .post("/api/templates/remote-http/instantiate").then().statusCode(201)
                .body("data.auth.type", equalTo("none"));
        given().auth().oauth2(manager).contentType(ContentType.JSON)
                .body("{\"name\":\"" + uniqueName("bad-url") + "\",\"env\":{\"SERVER_URL\":\"not a url\"}}")
                .post("/api/templates/remote-http/instantiate").then().statusCode(400)
                .body("code", equalTo("VALIDATION_ERROR"))
                .body("errors.field", hasItem("transport.url"));
    }

    @Test
    void namesEachMissingRequiredPlaceholder() {
        given().auth().oauth2(adminToken()).contentType(ContentType.JSON)
                .body("{\"name\":\"" + uniqueName("slack") + "\",\"env\":{\"SLACK_TEAM_ID\":\" \",\"SLACK_CHANNEL\":\"x\"}}")
                .post("/api/templates/slack/instantiate").then().statusCode(400)
                .body("code", equalTo("VALIDATION_ERROR"))
                .body("errors.field", containsInAnyOrder("env.SLACK_BOT_TOKEN", "env.SLACK_TEAM_ID", "env.SLACK_CHANNEL"));
    }

    @Test
    void instantiatingAStdioTemplateIsForAdminsBecauseItRunsACommand() {
        String manager = tokenFor(createKey(adminToken(), "manager", createTenant(uniqueName("tpl-mgr")), null));
        given().auth().oauth2(manager).contentType(ContentType.JSON).body("{\"name\":\"everything\"}")
                .post("/api/templates/everything/instantiate").then().statusCode(403);
        given().auth().oauth2(adminToken()).contentType(ContentType.JSON).body("{\"name\":\"x\"}")
                .post("/api/templates/no-such-template/instantiate").then().statusCode(404);
    }
}
