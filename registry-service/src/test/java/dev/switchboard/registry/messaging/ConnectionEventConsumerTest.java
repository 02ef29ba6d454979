package dev.switchboard.registry.messaging;

import static dev.switchboard.registry.RegistryApi.adminToken;
import static dev.switchboard.registry.RegistryApi.createKey;
import static dev.switchboard.registry.RegistryApi.createServer;
import static dev.switchboard.registry.RegistryApi.createTenant;
import static dev.switchboard.registry.RegistryApi.httpServer;
import static dev.switchboard.registry.RegistryApi.tokenFor;
import static dev.switchboard.registry.RegistryApi.uniqueName;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.model.event.EventEnvelope;
import dev.switchboard.model.event.EventType;
import dev.switchboard.model.event.Topics;
import dev.switchboard.platform.events.DeadLetterPublisher;
import dev.switchboard.platform.events.EventCodec;
import dev.switchboard.platform.events.KafkaSender;
import dev.switchboard.registry.ConnectionReports;
import dev.switchboard.testsupport.TopicReader;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ConnectionEventConsumerTest {

    @TestHTTPResource(value = "health/live", management = true)
    URL liveness;

    @Inject
    ConnectionReports reports;

    @Inject
    KafkaSender sender;

    @Inject
    EventCodec codec;

    @Test
    void parksAnEventItCannotApplyAndGoesOnWithTheNext() throws Exception {
        String serverId = createServer(adminToken(), httpServer(uniqueName("misrouted")));
        EventEnvelope misrouted = reports.event(EventType.SERVER_CREATED, serverId, null, "{}", Instant.now());
        sender.send(new ProducerRecord<>(Topics.CONNECTIONS, serverId, codec.write(misrouted)))
                .toCompletableFuture().get(30, TimeUnit.SECONDS);
        reports.report(EventType.SERVER_CONNECTED, serverId, null, "{\"toolCount\":4}");

        List<ConsumerRecord<String, String>> parked = TopicReader.read(Topics.DEAD_LETTER,
                record -> serverId.equals(record.key()), 1, Duration.ofSeconds(30));
        assertEquals(1, parked.size());
        assertTrue(parked.get(0).value().contains(misrouted.id()));
        assertTrue(new String(parked.get(0).headers().lastHeader(DeadLetterPublisher.REASON).value(),
                StandardCharsets.UTF_8).startsWith("could not be processed"));
        given().auth().oauth2(adminToken()).get("/api/servers/{id}", serverId).then().body("data.toolCount", equalTo(4));
        given().get(liveness.toString()).then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void showsTheStatusAndCountsThatTheInvocationServiceReported() throws Exception {
        String name = uniqueName("reported");
        String serverId = createServer(adminToken(), httpServer(name));
        reports.report(EventType.SERVER_CONNECTED, serverId, null, "{\"toolCount\":11,\"promptCount\":3,\"resourceCount\":7}");

        given().auth().oauth2(adminToken()).get("/api/servers/{id}", serverId).then().statusCode(200)
                .body("data.status", equalTo("connected"))
                .body("data.toolCount", equalTo(11))
                .body("data.promptCount", equalTo(3))
                .body("data.resourceCount", equalTo(7))
                .body("data.lastStatusAt", notNullValue());
        given().auth().oauth2(adminToken()).get("/api/servers?status=connected&q=" + name).then()
                .body("data.items.id", contains(serverId));
    }

    @Test
    void ignoresAnEventOlderThanTheStatusItHasAndListsTheReportedTools() throws Exception {
        String serverId = createServer(adminToken(), httpServer(uniqueName("late")));
        Instant now = Instant.now();
        EventEnvelope error = reports.event(EventType.SERVER_ERROR, serverId, null, "{\"error\":\"spawn npx ENOENT\"}", now);
        EventEnvelope staleConnect = reports.event(EventType.SERVER_CONNECTED, serverId, null, "{\"toolCount\":1}",
                now.minusSeconds(60));
        EventEnvelope catalog = reports.event(EventType.CATALOG_CHANGED, serverId, null,
                "{\"tools\":[{\"name\":\"echo\",\"description\":\"Echoes\"},{\"name\":\"add\"}]}", now.plusSeconds(1));
        reports.publish(error);
        reports.publish(staleConnect);
        reports.publish(catalog);
        reports.awaitApplied(serverId, catalog.id());

        given().auth().oauth2(adminToken()).get("/api/servers/{id}?include=tools", serverId).then().statusCode(200)
                .body("data.status", equalTo("error"))
                .body("data.lastError", equalTo("spawn npx ENOENT"))
                .body("data.toolCount", equalTo(2))
                .body("data.tools.name", contains("echo", "add"))
                .body("data.tools[0].description", equalTo("Echoes"));
        given().auth().oauth2(adminToken()).get("/api/servers/{id}", serverId).then()
                .body("data.containsKey('tools')", equalTo(false));
    }

    @Test
    void listsOnlyTheToolsAKeysPatternsAllow() throws Exception {
        String tenant = createTenant(uniqueName("patterned"));
        String name = uniqueName("listed");
        String serverId = createServer(adminToken(), httpServer(name).replace("{\"name\"", "{\"tenantId\":\"" + tenant + "\",\"name\""));
        reports.report(EventType.CATALOG_CHANGED, serverId, tenant,
                "{\"tools\":[{\"name\":\"echo\"},{\"name\":\"delete_everything\"}]}");
        String limited = tokenFor(createKey(adminToken(), "user", tenant, "[\"" + name + "/echo\"]"));

        given().auth().oauth2(limited).get("/api/servers/{id}?include=tools", serverId).then().statusCode(200)
                .body("data.tools.name", contains("echo"));
        given().auth().oauth2(adminToken()).get("/api/servers/{id}?include=tools", serverId).then()
                .body("data.tools.name", contains("echo", "delete_everything"));
        given().auth().oauth2(limited).get("/api/servers?q=" + name + "&include=tools").then().statusCode(200)
                .body("data.items[0].tools.name", contains("echo"))
                .body("data.items[0].toolCount", equalTo(1));
        given().auth().oauth2(limited).get("/api/servers/{id}", serverId).then().body("data.toolCount", equalTo(1));
        given().auth().oauth2(adminToken()).get("/api/servers?q=" + name).then().statusCode(200)
                .body("data.items[0].containsKey('tools')", equalTo(false))
                .body("data.items[0].toolCount", equalTo(2));
        given().auth().oauth2(adminToken()).get("/api/servers?include=prompts").then().statusCode(400)
                .body("code", equalTo("VALIDATION_ERROR"));
    }
}
