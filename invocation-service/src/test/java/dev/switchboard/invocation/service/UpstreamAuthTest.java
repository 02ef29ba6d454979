package dev.switchboard.invocation.service;

import static dev.switchboard.invocation.Registry.awaitState;
import static dev.switchboard.invocation.Registry.createServer;
import static dev.switchboard.invocation.Registry.deleteServer;
import static dev.switchboard.invocation.Registry.uniqueName;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.invocation.McpTestServers;
import dev.switchboard.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

/** Upstream credentials as configured, against a server that refuses callers without them. */
@QuarkusTest
class UpstreamAuthTest {

    private static String server(String name, String url, String auth) {
        return server(name, "http", url, auth);
    }

    private static String server(String name, String transport, String url, String auth) {
        return "{\"name\":\"" + name + "\",\"transport\":{\"type\":\"" + transport + "\",\"url\":\"" + url + "\"},"
                + "\"auth\":" + auth + "}";
    }

    /** Client credentials for the secured server; each scope gets a token of its own. */
    private static String clientCredentials(McpTestServers.Running upstream, String scope) {
        return "{\"type\":\"oauth2\",\"clientId\":\"test-client\",\"clientSecret\":\"test-secret\",\"tokenUrl\":\""
                + upstream.url("/token") + "\",\"scopes\":[\"" + scope + "\"]}";
    }

    private static int tokensIssued(McpTestServers.Running upstream) {
        return given().baseUri(upstream.url("")).get("/issued").then().extract().path("tokensIssued");
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
                        .body("data.lastError", equalTo("the server refused the credentials (HTTP 401)"));
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
            String id = createServer(server(name, upstream.url("/oauth/mcp"), clientCredentials(upstream, "tools")));
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

    @Test
    void sendsAMessageRefusedWith401OverLegacySseAgainWithARenewedToken() {
        try (McpTestServers.Running upstream = McpTestServers.secured()) {
            String name = uniqueName("oauth-sse");
            String id = createServer(server(name, "sse", upstream.url("/oauth/sse"), clientCredentials(upstream, "sse")));
            try {
                awaitState(id, "connected");
                callsThrough(name, "oauth-sse");
                int issued = tokensIssued(upstream);

                given().baseUri(upstream.url("")).post("/rotate").then().statusCode(200);
                callsThrough(name, "oauth-sse");
                assertEquals(issued + 1, tokensIssued(upstream), "one new token for the refused message");
            } finally {
                deleteServer(id);
            }
        }
    }

    @Test
    void renewsTheTokenAWebSocketHandshakeWasRefusedWith() {
        try (McpTestServers.Running upstream = McpTestServers.secured()) {
            String name = uniqueName("oauth-ws");
            String id = createServer(server(name, "websocket", upstream.url("/oauth/ws").replace("http://", "ws://"),
                    clientCredentials(upstream, "ws")));
            try {
                awaitState(id, "connected");
                callsThrough(name, "oauth-ws");
                int issued = tokensIssued(upstream);

                given().baseUri(upstream.url("")).post("/rotate").then().statusCode(200);
                given().auth().oauth2(TestTokens.admin()).post("/api/connections/{id}/disconnect", id).then().statusCode(200);
                given().auth().oauth2(TestTokens.admin()).post("/api/connections/{id}/connect", id).then().statusCode(200)
                        .body("data.state", equalTo("error"))
                        .body("data.lastError", containsString("401"));
                awaitState(id, "connected");
                callsThrough(name, "oauth-ws");
                assertEquals(issued + 1, tokensIssued(upstream), "one new token after the refused handshake");
            } finally {
                deleteServer(id);
            }
        }
    }
}
