package dev.switchboard.invocation.service;

import static dev.switchboard.invocation.Registry.awaitState;
import static dev.switchboard.invocation.Registry.createServer;
import static dev.switchboard.invocation.Registry.deleteServer;
import static dev.switchboard.invocation.Registry.uniqueName;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.switchboard.invocation.McpTestServers;
import dev.switchboard.localstack.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

/** Upstream credentials as configured, against a server that refuses callers without them. */
@QuarkusTest
class UpstreamAuthTest {

    private static String server(String name, String url, String auth) {
        return "{\"name\":\"" + name + "\",\"transport\":{\"type\":\"http\",\"url\":\"" + url + "\"},\"auth\":" + auth + "}";
    }

    private static void callsThrough(String name, String door) {
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body("{\"arguments\":{}}")
                .post("/api/tools/{name}/invoke", name + "__whoami").then().statusCode(200)
                .body("data.content[0].text", equalTo("through " + door));
    }

    @Test
    void sendsAnApiKeyInItsHeaderWithItsPrefixAndABearerToken() {
        try (McpTestServers.Running upstream = McpTestServers.secured()) {
            String keyed = uniqueName("keyed");
            String keyedId = createServer(server(keyed, upstream.url("/api-key/mcp"),
                    "{\"type\":\"api_key\",\"key\":\"test-api-key\",\"header\":\"X-Api-Key\",\"prefix\":\"Token\"}"));
            String bearer = uniqueName("bearer");
            String bearerId = createServer(server(bearer, upstream.url("/bearer/mcp"), "{\"type\":\"bearer\",\"token\":\"test-bearer\"}"));
            String wrong = uniqueName("wrong");
            String wrongId = createServer(server(wrong, upstream.url("/bearer/mcp"), "{\"type\":\"bearer\",\"token\":\"nope\"}"));
            try {
                awaitState(keyedId, "connected");
                awaitState(bearerId, "connected");
                callsThrough(keyed, "api-key");
                callsThrough(bearer, "bearer");
                awaitState(wrongId, "error");
                given().auth().oauth2(TestTokens.admin()).get("/api/connections/{id}", wrongId).then()
                        .body("data.lastError", containsString("Authorization error"));
            } finally {
                deleteServer(keyedId);
                deleteServer(bearerId);
                deleteServer(wrongId);
            }
        }
    }

    @Test
    void fetchesAClientCredentialsTokenKeepsItAndRenewsItAfterA401() {
        try (McpTestServers.Running upstream = McpTestServers.secured()) {
            String name = uniqueName("oauth");
            String id = createServer(server(name, upstream.url("/oauth/mcp"), "{\"type\":\"oauth2\",\"clientId\":\"test-client\","
                    + "\"clientSecret\":\"test-secret\",\"tokenUrl\":\"" + upstream.url("/token") + "\",\"scopes\":[\"tools\"]}"));
            try {
                awaitState(id, "connected");
                callsThrough(name, "oauth");
                callsThrough(name, "oauth");
                given().baseUri(upstream.url("")).get("/issued").then().body("tokensIssued", equalTo(1));

                given().baseUri(upstream.url("")).post("/rotate").then().statusCode(200);
                callsThrough(name, "oauth");
                given().baseUri(upstream.url("")).get("/issued").then().body("tokensIssued", equalTo(2));
            } finally {
                deleteServer(id);
            }
        }
    }
}
