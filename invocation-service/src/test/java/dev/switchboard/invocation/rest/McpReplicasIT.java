package dev.switchboard.invocation.rest;

import static dev.switchboard.invocation.PackagedInvocation.awaitConnected;
import static dev.switchboard.invocation.Registry.createKey;
import static dev.switchboard.invocation.Registry.createServer;
import static dev.switchboard.invocation.Registry.createTenant;
import static dev.switchboard.invocation.Registry.stdioEverything;
import static dev.switchboard.invocation.Registry.uniqueName;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.invocation.Registry;
import dev.switchboard.invocation.RegistryTestResource;
import dev.switchboard.testsupport.ServiceProcess;
import io.restassured.http.ContentType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Two replicas of the packaged service, as behind a load balancer with no affinity: a session opened on one is served
 * by the other, with no store between them but the secrets key they share, and either tells an open stream of a change;
 * what one is told of the session (a cancellation, its end) reaches the other through their database.
 */
class McpReplicasIT {

    private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");

    private static Map<String, String> properties(String name, String secretsKey) {
        return Map.of("switchboard.invocation.registry.url", Registry.url(),
                "switchboard.security.registry-url", Registry.url(),
                "switchboard.invocation.registry.service-key", RegistryTestResource.SERVICE_KEY,
                "switchboard.invocation.stdio.children-directory", "target/it-children-" + name,
                "switchboard.invocation.events.journal.directory", "target/it-event-journal-" + name,
                "switchboard.secrets.keys.primary", secretsKey,
                "switchboard.stdio.allowed-commands", "node,npx");
    }

    @Test
    void aSessionOpenedOnOneReplicaIsServedAndNotifiedByTheOther() throws Exception {
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        String secretsKey = Base64.getEncoder().encodeToString(raw);
        String tenant = createTenant(uniqueName("replicas"));
        String name = uniqueName("replicated");
        List<String> servers = new ArrayList<>();
        try (ServiceProcess first = ServiceProcess.start("invocation-replica-a", JAR, "invocation", properties("a", secretsKey));
             ServiceProcess second = ServiceProcess.start("invocation-replica-b", JAR, "invocation", properties("b", secretsKey))) {
            servers.add(createServer(stdioEverything(name).replace("{\"name\"", "{\"tenantId\":\"" + tenant + "\",\"name\"")));
            awaitConnected(first, servers.get(0));
            awaitConnected(second, servers.get(0));
            String key = createKey("user", tenant, List.of()).secret();

            String session = given().baseUri(first.url()).header("X-API-Key", key).contentType(ContentType.JSON)
                    .accept("application/json, text/event-stream")
                    .body("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
                            + "\"capabilities\":{},\"clientInfo\":{\"name\":\"it\",\"version\":\"1\"}}}")
                    .post("/mcp").then().statusCode(200).extract().header("Mcp-Session-Id");

            given().baseUri(second.url()).header("X-API-Key", key).header("Mcp-Session-Id", session)
                    .header("MCP-Protocol-Version", "2025-06-18").contentType(ContentType.JSON)
                    .accept("application/json, text/event-stream")
                    .body("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}")
                    .post("/mcp").then().statusCode(200).body("result.tools.name", hasItem(name + "__echo"));
            given().baseUri(second.url()).header("X-API-Key", key).header("Mcp-Session-Id", session)
                    .contentType(ContentType.JSON).accept("application/json, text/event-stream")
                    .body("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"" + name
                            + "__echo\",\"arguments\":{\"message\":\"from b\"}}}")
                    .post("/mcp").then().statusCode(200).body("result.content[0].text", equalTo("Echo: from b"));

            for (ServiceProcess replica : List.of(first, second)) {
                CompletableFuture<Boolean> told = listChanged(replica, key, session);
                String newcomer = uniqueName("newcomer");
                servers.add(createServer(stdioEverything(newcomer)
                        .replace("{\"name\"", "{\"tenantId\":\"" + tenant + "\",\"name\"")));
                assertTrue(told.get(60, TimeUnit.SECONDS), "no list_changed from " + replica.url());
            }

            // A call runs on one replica, and the client's cancellation lands on the other.
            CompletableFuture<HttpResponse<String>> longCall = post(first, key, session, "{\"jsonrpc\":\"2.0\",\"id\":9,"
                    + "\"method\":\"tools/call\",\"params\":{\"name\":\"" + name + "__trigger-long-running-operation\","
                    + "\"arguments\":{\"duration\":60,\"steps\":60}}}");
            // Sent until the call ends: a cancellation that comes before the call started has nothing to cancel.
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).until(() -> {
                post(second, key, session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\","
                        + "\"params\":{\"requestId\":9,\"reason\":\"the user gave up\"}}").join();
                return longCall.isDone();
            });
            assertTrue(longCall.join().body().contains("\"id\":9"), "the call is answered: " + longCall.join().body());

            // A log level set on one replica applies to the session's stream on the other.
            assertTrue(post(second, key, session, "{\"jsonrpc\":\"2.0\",\"id\":11,\"method\":\"logging/setLevel\","
                    + "\"params\":{\"level\":\"warning\"}}").join().body().contains("\"result\""));
            CompletableFuture<Boolean> logged = streamUntil(first, key, session,
                    line -> line.startsWith("data:") && line.contains("notifications/message"));
            post(first, key, session, "{\"jsonrpc\":\"2.0\",\"id\":12,\"method\":\"tools/call\",\"params\":{\"name\":\""
                    + name + "__toggle-simulated-logging\",\"arguments\":{}}}").join();
            // The server logs every 5 s at a random level, 5 of 8 of them at warning or above.
            assertTrue(logged.get(45, TimeUnit.SECONDS), "no log on " + first.url() + " at the level set on " + second.url());

            // The session ends on the replica that took DELETE, and soon on the other.
            given().baseUri(second.url()).header("X-API-Key", key).header("Mcp-Session-Id", session).delete("/mcp")
                    .then().statusCode(204);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().baseUri(first.url()).header("X-API-Key", key)
                    .header("Mcp-Session-Id", session).contentType(ContentType.JSON)
                    .accept("application/json, text/event-stream")
                    .body("{\"jsonrpc\":\"2.0\",\"id\":10,\"method\":\"tools/list\"}")
                    .post("/mcp").then().statusCode(404));
        } finally {
            servers.forEach(Registry::deleteServer);
        }
    }

    private static CompletableFuture<HttpResponse<String>> post(ServiceProcess replica, String key, String session,
                                                                String message) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(replica.url() + "/mcp")).header("X-API-Key", key)
                .header("Mcp-Session-Id", session).header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(message)).build();
        return HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Opens the session's notification stream and completes when it says the tools changed. */
    private static CompletableFuture<Boolean> listChanged(ServiceProcess replica, String key, String session) {
        return streamUntil(replica, key, session,
                line -> line.startsWith("data:") && line.contains("notifications/tools/list_changed"));
    }

    /** Opens the session's notification stream and completes when a line of it is {@code wanted}. */
    private static CompletableFuture<Boolean> streamUntil(ServiceProcess replica, String key, String session,
                                                          Predicate<String> wanted) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(replica.url() + "/mcp")).header("X-API-Key", key)
                .header("Mcp-Session-Id", session).header("Accept", "text/event-stream").GET().build();
        return HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofLines())
                .thenApply(response -> response.body().anyMatch(wanted));
    }
}
