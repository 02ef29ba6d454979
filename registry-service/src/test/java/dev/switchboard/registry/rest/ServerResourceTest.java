package dev.switchboard.registry.rest;

import static dev.switchboard.registry.RegistryApi.adminToken;
import static dev.switchboard.registry.RegistryApi.createKey;
import static dev.switchboard.registry.RegistryApi.createServer;
import static dev.switchboard.registry.RegistryApi.createTenant;
import static dev.switchboard.registry.RegistryApi.httpServer;
import static dev.switchboard.registry.RegistryApi.serviceToken;
import static dev.switchboard.registry.RegistryApi.tokenFor;
import static dev.switchboard.registry.RegistryApi.uniqueName;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.model.event.Topics;
import dev.switchboard.testsupport.ChunkedPost;
import dev.switchboard.testsupport.LogCapture;
import dev.switchboard.testsupport.TopicReader;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ServerResourceTest {

    private static final String MERGE_PATCH = "application/merge-patch+json";

    @Inject
    AgroalDataSource dataSource;

    private static String secretServer(String name) {
        return """
                {"name":"%s","description":"GitHub over Streamable HTTP",
                 "transport":{"type":"http","url":"https://203.0.113.10/mcp","headers":{"X-Trace":"header-secret-1"}},
                 "auth":{"type":"bearer","token":"token-secret-1"},
                 "healthCheck":{"enabled":true,"intervalMs":60000,"timeoutMs":2000},
                 "rateLimits":{"requestsPerMinute":60,"requestsPerDay":10000},
                 "metadata":{"category":"development","tags":["git","vcs"],"version":"1.2.0"}}
                """.formatted(name);
    }

    @Test
    void createsAndReadsAServerWithEverySecretMasked() throws Exception {
        String name = uniqueName("github");
        LogCapture logs = LogCapture.start();
        String created = given().auth().oauth2(adminToken()).contentType(ContentType.JSON).body(secretServer(name))
                .post("/api/servers").then().statusCode(201)
                .body("success", equalTo(true))
                .body("data.name", equalTo(name))
                .body("data.transport.type", equalTo("http"))
                .body("data.transport.headers.X-Trace", equalTo("***"))
                .body("data.auth.type", equalTo("bearer"))
                .body("data.auth.token", equalTo("***"))
                .body("data.healthCheck.intervalMs", equalTo(60000))
                .body("data.rateLimits.requestsPerMinute", equalTo(60))
                .body("data.cache.enabled", equalTo(false))
                .body("data.metadata.tags", containsInAnyOrder("git", "vcs"))
                .body("data.enabled", equalTo(true))
                .body("data.status", equalTo("disconnected"))
                .body("data.toolCount", equalTo(0))
                .body("data.tenantId", nullValue())
                .extract().asString();
        assertFalse(created.contains("secret-1"), created);
        String id = given().auth().oauth2(adminToken()).get("/api/servers?q=" + name).then().statusCode(200)
                .body("data.total", equalTo(1)).body("data.items[0].auth.token", equalTo("***"))
                .extract().path("data.items[0].id");
        String read = given().auth().oauth2(adminToken()).get("/api/servers/{id}", id).then().statusCode(200)
                .body("data.description", equalTo("GitHub over Streamable HTTP")).extract().asString();
        assertFalse(read.contains("secret-1"), read);
        String stored = storedRow(id);
        assertFalse(stored.contains("header-secret-1") || stored.contains("token-secret-1"), stored);
        List<ConsumerRecord<String, String>> events = TopicReader.read(Topics.REGISTRY, record -> id.equals(record.key()),
                1, Duration.ofSeconds(30));
        assertEquals(1, events.size(), "server.created reached the broker");
        assertFalse(events.get(0).value().contains("secret-1"), events.get(0).value());
        assertTrue(events.get(0).value().contains("\"***\""), "the event shows where the secrets are, masked");
        logs.close();
        assertTrue(logs.lines().stream().noneMatch(line -> line.contains("secret-1")), logs.lines()::toString);
    }

    @Test
    void keepsAStoredSecretWhenAChangeSendsTheMask() {
        String id = createServer(adminToken(), secretServer(uniqueName("keep")));
        given().auth().oauth2(adminToken()).contentType(MERGE_PATCH)
                .body("{\"auth\":{\"token\":\"***\"},\"transport\":{\"headers\":{\"X-New\":\"header-secret-2\"}}}")
                .patch("/api/servers/{id}", id).then().statusCode(200)
                .body("data.transport.headers.X-New", equalTo("***"));
        given().auth().oauth2(serviceToken()).get("/internal/servers/{id}", id).then().statusCode(200)
                .body("data.auth.token", equalTo("token-secret-1"))
                .body("data.transport.headers.X-Trace", equalTo("header-secret-1"))
                .body("data.transport.headers.X-New", equalTo("header-secret-2"));

        String replacement = secretServer(uniqueName("replaced")).replace("token-secret-1", "***")
                .replace("header-secret-1", "header-secret-3");
        given().auth().oauth2(adminToken()).contentType(ContentType.JSON).body(replacement)
                .put("/api/servers/{id}", id).then().statusCode(200);
        given().auth().oauth2(serviceToken()).get("/internal/servers/{id}", id).then().statusCode(200)
                .body("data.auth.token", equalTo("token-secret-1"))
                .body("data.transport.headers.X-Trace", equalTo("header-secret-3"))
                .body("data.transport.headers", not(hasItem("X-New")));
    }

    @Test
    void refusesToSendAStoredSecretToAChangedDestination() {
        String tenant = createTenant(uniqueName("moved"));
        String manager = tokenFor(createKey(adminToken(), "manager", tenant, null));
        String id = createServer(adminToken(), secretServer(uniqueName("moved")).replace("{\"name\"",
                "{\"tenantId\":\"" + tenant + "\",\"name\""));

        given().auth().oauth2(manager).contentType(MERGE_PATCH)
                .body("{\"transport\":{\"url\":\"https://198.51.100.7/steal\"}}")
                .patch("/api/servers/{id}", id).then().statusCode(400)
                .body("code", equalTo("VALIDATION_ERROR"))
                .body("errors.field", containsInAnyOrder("auth.token", "transport.headers.X-Trace"))
                .body("errors[0].message", containsString("transport.url changed"));
        given().auth().oauth2(manager).contentType(MERGE_PATCH)
                .body("{\"transport\":{\"type\":\"sse\"}}")
                .patch("/api/servers/{id}", id).then().statusCode(400)
                .body("errors[0].message", containsString("transport.type changed"));
        given().auth().oauth2(serviceToken()).get("/internal/servers/{id}", id).then().statusCode(200)
                .body("data.transport.url", equalTo("https://203.0.113.10/mcp"))
                .body("data.auth.token", equalTo("token-secret-1"));

        given().auth().oauth2(manager).contentType(MERGE_PATCH)
                .body("{\"transport\":{\"url\":\"https://198.51.100.7/mcp\",\"headers\":{\"X-Trace\":\"fresh-header\"}},"
                        + "\"auth\":{\"token\":\"fresh-token\"}}")
                .patch("/api/servers/{id}", id).then().statusCode(200);
        given().auth().oauth2(serviceToken()).get("/internal/servers/{id}", id).then()
                .body("data.auth.token", equalTo("fresh-token"));
    }

    @Test
    void refusesToSendAStoredClientSecretToAChangedTokenUrl() {
        String id = createServer(adminToken(), """
                {"name":"%s","transport":{"type":"http","url":"https://203.0.113.10/mcp"},
                 "auth":{"type":"oauth2","clientId":"app","clientSecret":"client-secret-1","tokenUrl":"https://203.0.113.10/token"}}
                """.formatted(uniqueName("oauth")));
        given().auth().oauth2(adminToken()).contentType(MERGE_PATCH)
                .body("{\"auth\":{\"tokenUrl\":\"https://198.51.100.7/token\"}}")
                .patch("/api/servers/{id}", id).then().statusCode(400)
                .body("errors.field", contains("auth.clientSecret"))
                .body("errors[0].message", containsString("auth.tokenUrl changed"));
        given().auth().oauth2(adminToken()).contentType(MERGE_PATCH).body("{\"description\":\"same place\"}")
                .patch("/api/servers/{id}", id).then().statusCode(200);
        given().auth().oauth2(serviceToken()).get("/internal/servers/{id}", id).then()
                .body("data.auth.clientSecret", equalTo("client-secret-1"));
    }

    @Test
    void refusesTheMaskWhereNoSecretIsStored() {
        String id = createServer(adminToken(), secretServer(uniqueName("nomask")));
        given().auth().oauth2(adminToken()).contentType(MERGE_PATCH)
                .body("{\"auth\":{\"type\":\"api_key\",\"key\":\"***\",\"token\":null}}")
                .patch("/api/servers/{id}", id).then().statusCode(400)
                .body("code", equalTo("VALIDATION_ERROR"))
                .body("errors[0].field", equalTo("auth.key"));
    }

    @Test
    void appliesMergePatchSemantics() {
        String id = createServer(adminToken(), secretServer(uniqueName("merge")));
        given().auth().oauth2(adminToken()).contentType(MERGE_PATCH)
                .body("{\"description\":null,\"metadata\":{\"tags\":[\"only\"]},\"rateLimits\":{\"requestsPerDay\":null},"
                        + "\"transport\":{\"headers\":{\"X-Trace\":null}}}")
                .patch("/api/servers/{id}", id).then().statusCode(200)
                .body("data.description", nullValue())
                .body("data.metadata.tags", containsInAnyOrder("only"))
                .body("data.metadata.category", equalTo("development"))
                .body("data.rateLimits.requestsPerMinute", equalTo(60))
                .body("data.rateLimits.requestsPerDay", nullValue())
                .body("data.transport.headers.size()", equalTo(0))
                .body("data.transport.url", equalTo("https://203.0.113.10/mcp"))
                .body("data.auth.token", equalTo("***"));
        given().auth().oauth2(adminToken()).contentType(MERGE_PATCH).body("{\"enabled\":false}")
                .patch("/api/servers/{id}", id).then().statusCode(200).body("data.enabled", equalTo(false));
        given().auth().oauth2(adminToken()).contentType(MERGE_PATCH).body("{\"transport\":{\"type\":\"ftp\"}}")
                .patch("/api/servers/{id}", id).then().statusCode(400)
                .body("errors[0].field", equalTo("transport.type"));
        given().auth().oauth2(adminToken()).contentType(MERGE_PATCH).body("{\"colour\":\"red\"}")
                .patch("/api/servers/{id}", id).then().statusCode(400)
                .body("errors[0].field", equalTo("colour"))
                .body("errors[0].message", equalTo("is not a known field"));
    }

    @Test
    void rejectsDuplicateNameInSameTenantButNotAcrossTenants() {
        String name = uniqueName("dup");
        String tenant = createTenant(uniqueName("dup-tenant"));
        createServer(adminToken(), httpServer(name));
        given().auth().oauth2(adminToken()).contentType(ContentType.JSON).body(httpServer(name.toUpperCase()))
                .post("/api/servers").then().statusCode(409).contentType("application/problem+json")
                .body("code", equalTo("CONFLICT"));
        createServer(adminToken(), httpServer(name).replace("{\"name\"", "{\"tenantId\":\"" + tenant + "\",\"name\""));
    }

    @Test
    void softDeletesAndRestores() {
        String name = uniqueName("soft");
        String id = createServer(adminToken(), httpServer(name));
        given().auth().oauth2(adminToken()).delete("/api/servers/{id}", id).then().statusCode(204);
        given().auth().oauth2(adminToken()).get("/api/servers/{id}", id).then().statusCode(404);
        given().auth().oauth2(adminToken()).get("/api/servers?q=" + name).then().body("data.total", equalTo(0));
        given().auth().oauth2(adminToken()).get("/api/servers?includeDeleted=true&q=" + name).then()
                .body("data.total", equalTo(1)).body("data.items[0].deletedAt", notNullValue());
        given().auth().oauth2(adminToken()).delete("/api/servers/{id}", id).then().statusCode(404);

        given().auth().oauth2(adminToken()).post("/api/servers/{id}/restore", id).then().statusCode(200)
                .body("data.deletedAt", nullValue()).body("data.name", equalTo(name));
        given().auth().oauth2(adminToken()).get("/api/servers/{id}", id).then().statusCode(200);
        given().auth().oauth2(adminToken()).post("/api/servers/{id}/restore", id).then().statusCode(409);
    }

    @Test
    void refusesToRestoreAServerWhoseNameWasTaken() {
        String name = uniqueName("taken");
        String id = createServer(adminToken(), httpServer(name));
        given().auth().oauth2(adminToken()).delete("/api/servers/{id}", id).then().statusCode(204);
        createServer(adminToken(), httpServer(name));
        given().auth().oauth2(adminToken()).post("/api/servers/{id}/restore", id).then().statusCode(409)
                .body("code", equalTo("CONFLICT"));
    }

    @Test
    void filtersByGroupTagsEnabledAndText() {
        String tenant = createTenant(uniqueName("filters"));
        String inTenant = "{\"tenantId\":\"" + tenant + "\",";
        String group = given().auth().oauth2(adminToken()).contentType(ContentType.JSON)
                .body("{\"name\":\"Production\",\"tenantId\":\"" + tenant + "\"}")
                .post("/api/groups").then().statusCode(201).extract().path("data.id");
        createServer(adminToken(), inTenant + "\"name\":\"alpha\",\"description\":\"Files and folders\","
                + "\"groupId\":\"" + group + "\",\"metadata\":{\"tags\":[\"files\",\"local\"]},"
                + "\"transport\":{\"type\":\"sse\",\"url\":\"https://203.0.113.11/sse\"}}");
        createServer(adminToken(), inTenant + "\"name\":\"beta\",\"enabled\":false,\"metadata\":{\"tags\":[\"files\"]},"
                + "\"transport\":{\"type\":\"websocket\",\"url\":\"wss://203.0.113.12/ws\"}}");
        createServer(adminToken(), inTenant + "\"name\":\"gamma_100\",\"transport\":{\"type\":\"http\",\"url\":\"https://203.0.113.13/mcp\"}}");

        String base = "/api/servers?tenantId=" + tenant;
        given().auth().oauth2(adminToken()).get(base).then().body("data.total", equalTo(3))
                .body("data.items.name", contains("alpha", "beta", "gamma_100"));
        given().auth().oauth2(adminToken()).get(base + "&groupId=" + group).then()
                .body("data.items.name", contains("alpha"));
        given().auth().oauth2(adminToken()).get(base + "&tags=files").then().body("data.total", equalTo(2));
        given().auth().oauth2(adminToken()).get(base + "&tags=files,local").then()
                .body("data.items.name", contains("alpha"));
        given().auth().oauth2(adminToken()).get(base + "&enabled=false").then()
                .body("data.items.name", contains("beta"));
        given().auth().oauth2(adminToken()).get(base + "&q=FOLDERS").then()
                .body("data.items.name", contains("alpha"));
        given().auth().oauth2(adminToken()).get(base + "&q=a_1").then()
                .body("data.items.name", contains("gamma_100"));
        given().auth().oauth2(adminToken()).get(base + "&q=%25").then().body("data.total", equalTo(0));
        given().auth().oauth2(adminToken()).get(base + "&status=disconnected&limit=2&offset=1").then()
                .body("data.total", equalTo(3)).body("data.limit", equalTo(2)).body("data.offset", equalTo(1))
                .body("data.items.name", contains("beta", "gamma_100"));
        given().auth().oauth2(adminToken()).get(base + "&status=connected").then().body("data.total", equalTo(0));
    }

    @Test
    void answersEveryBadFieldAtOnce() {
        String body = """
                {"name":"bad name!","transport":{"type":"websocket","url":"http://203.0.113.10/ws",
                 "reconnect":{"enabled":true,"maxAttempts":-1,"initialDelayMs":500,"maxDelayMs":100}},
                 "rateLimits":{"requestsPerMinute":-5},"healthCheck":{"intervalMs":10},"cache":{"ttlSeconds":0}}
                """;
        given().auth().oauth2(adminToken()).contentType(ContentType.JSON).body(body)
                .post("/api/servers").then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("VALIDATION_ERROR"))
                .body("errors.field", containsInAnyOrder("cache.ttlSeconds", "healthCheck.intervalMs", "healthCheck.timeoutWithinInterval",
                        "name", "rateLimits.requestsPerMinute", "transport.reconnect.delayRangeOrdered",
                        "transport.reconnect.maxAttempts", "transport.url"));
        given().auth().oauth2(adminToken()).contentType(ContentType.JSON)
                .body("{\"name\":\"x\",\"transport\":{\"type\":\"stdio\",\"command\":\"\"}}")
                .post("/api/servers").then().statusCode(400).body("errors.field", hasItem("transport.command"));
        given().auth().oauth2(adminToken()).contentType(ContentType.JSON)
                .body("{\"name\":\"x\",\"transport\":{\"type\":\"carrier-pigeon\"}}")
                .post("/api/servers").then().statusCode(400)
                .body("errors[0].field", equalTo("transport.type"))
                .body("errors[0].message", containsString("stdio, sse, http, websocket"));
        given().auth().oauth2(adminToken()).contentType(ContentType.JSON).body("{\"name\":\"x\"}")
                .post("/api/servers").then().statusCode(400).body("errors[0].field", equalTo("transport"));
    }

    @Test
    void refusesUrlsThatPointInside() {
        for (String url : new String[] {"http://127.0.0.1:8080/mcp", "https://10.1.2.3/mcp", "http://169.254.169.254/latest",
                "http://localhost/mcp", "https://[::1]/mcp", "http://192.168.0.10/sse"}) {
            given().auth().oauth2(adminToken()).contentType(ContentType.JSON)
                    .body("{\"name\":\"inside\",\"transport\":{\"type\":\"sse\",\"url\":\"" + url + "\"}}")
                    .post("/api/servers").then().statusCode(400)
                    .body("errors[0].field", equalTo("transport.url"))
                    .body("errors[0].message", equalTo("must not point to a local, private or metadata address"));
        }
        given().auth().oauth2(adminToken()).contentType(ContentType.JSON)
                .body("{\"name\":\"inside\",\"transport\":{\"type\":\"http\",\"url\":\"https://203.0.113.10/mcp\"},"
                        + "\"auth\":{\"type\":\"oauth2\",\"clientId\":\"c\",\"clientSecret\":\"s\",\"tokenUrl\":\"http://10.0.0.1/token\"}}")
                .post("/api/servers").then().statusCode(400).body("errors[0].field", equalTo("auth.tokenUrl"));
    }

    @Test
    void answersBadInputWithProblemsNeverErrors() {
        given().auth().oauth2(adminToken()).contentType(ContentType.JSON).body("{\"name\": \"x\", \"transport\": {")
                .post("/api/servers").then().statusCode(400).body("code", equalTo("VALIDATION_ERROR"));
        given().auth().oauth2(adminToken()).contentType(ContentType.JSON)
                .body("{\"name\":\"x\",\"enabled\":\"yes\",\"transport\":{\"type\":\"http\",\"url\":\"https://203.0.113.10/mcp\"}}")
                .post("/api/servers").then().statusCode(400).body("errors[0].field", equalTo("enabled"));
        given().auth().oauth2(adminToken()).contentType(ContentType.JSON)
                .body("{\"name\":\"x\",\"transport\":{\"type\":\"http\",\"url\":\"https://203.0.113.10/mcp\",\"verbose\":true}}")
                .post("/api/servers").then().statusCode(400).body("errors[0].field", equalTo("transport.verbose"));
        given().auth().oauth2(adminToken()).contentType(ContentType.JSON)
                .body("{\"name\":\"x\",\"description\":\"" + "d".repeat(2_000_000) + "\"}")
                .post("/api/servers").then().statusCode(413).body("code", equalTo("PAYLOAD_TOO_LARGE"));
        given().auth().oauth2(adminToken()).get("/api/servers/not-a-uuid").then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(adminToken()).post("/api/servers/not-a-uuid/restore").then().statusCode(404);
        given().auth().oauth2(adminToken()).get("/api/servers/{id}", UUID.randomUUID()).then().statusCode(404)
                .body("code", equalTo("NOT_FOUND"));
        given().auth().oauth2(adminToken()).get("/api/servers?enabled=maybe&limit=500").then().statusCode(400)
                .body("errors.field", containsInAnyOrder("enabled", "limit"));
        given().auth().oauth2(adminToken()).contentType(MERGE_PATCH).body("[]")
                .patch("/api/servers/{id}", createServer(adminToken(), httpServer(uniqueName("arr")))).then().statusCode(400);
    }

    @Test
    void answersAChunkedBodyOverTheLimitWithAProblem() throws Exception {
        HttpResponse<String> response = ChunkedPost.send("/api/servers", adminToken(),
                "{\"name\":\"x\",\"description\":\"" + "d".repeat(2_000_000) + "\"}");

        assertEquals(413, response.statusCode(), response.body());
        assertTrue(response.body().contains("\"code\":\"PAYLOAD_TOO_LARGE\""), response.body());
    }

    @Test
    void acceptsAChunkedBodyWithinTheLimit() throws Exception {
        String name = uniqueName("chunked");
        String description = "d".repeat(1000);
        // Padding between the fields makes a body of many chunks that still parses to a small server.
        String padding = " ".repeat(300_000);

        HttpResponse<String> response = ChunkedPost.send("/api/servers", adminToken(),
                "{\"name\":\"" + name + "\"," + padding + "\"description\":\"" + description
                + "\",\"transport\":{\"type\":\"http\",\"url\":\"https://203.0.113.10/mcp\"}}");

        assertEquals(201, response.statusCode(), response.body());
        String id = JsonPath.from(response.body()).getString("data.id");
        given().auth().oauth2(adminToken()).get("/api/servers/{id}", id).then().statusCode(200)
                .body("data.name", equalTo(name)).body("data.description", equalTo(description));
    }

    private String storedRow(String id) throws Exception {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT transport::text || auth::text FROM mcp_server WHERE id = ?::uuid")) {
            select.setString(1, id);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getString(1);
            }
        }
    }
}
