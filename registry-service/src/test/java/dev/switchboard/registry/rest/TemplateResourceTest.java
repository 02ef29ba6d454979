package dev.switchboard.registry.rest;

import static dev.switchboard.registry.RegistryApi.adminToken;
import static dev.switchboard.registry.RegistryApi.createKey;
import static dev.switchboard.registry.RegistryApi.createTenant;
import static dev.switchboard.registry.RegistryApi.tokenFor;
import static dev.switchboard.registry.RegistryApi.uniqueName;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItems;

import io.quarkus.test.junit.QuarkusTest;
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
                .body("data.env.key", contains("SLACK_BOT_TOKEN", "SLACK_TEAM_ID"))
                .body("data.env.required", everyItem(equalTo(true)));
        given().auth().oauth2(adminToken()).get("/api/templates/no-such-template").then().statusCode(404)
                .body("code", equalTo("NOT_FOUND"));
    }
}
