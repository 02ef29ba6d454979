package dev.switchboard.registry.service;

import static dev.switchboard.registry.RegistryApi.adminToken;
import static dev.switchboard.registry.RegistryApi.claims;
import static dev.switchboard.registry.RegistryApi.createKey;
import static dev.switchboard.registry.RegistryApi.createServer;
import static dev.switchboard.registry.RegistryApi.createTenant;
import static dev.switchboard.registry.RegistryApi.tokenFor;
import static dev.switchboard.registry.RegistryApi.uniqueName;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.model.event.Topics;
import dev.switchboard.testsupport.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Every change of a server is announced on switchboard.registry, with its actor and tenant and without its secrets. */
@QuarkusTest
class ServerEventsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MERGE_PATCH = "application/merge-patch+json";

    @Test
    void announcesEveryChangeWithActorAndTenantAndNoSecret() throws Exception {
        String tenant = createTenant(uniqueName("events"));
        String managerKey = createKey(adminToken(), "manager", tenant, null);
        String manager = tokenFor(managerKey);
        String keyId = claims(manager).get("sub").asText();
        String id = createServer(manager, """
                {"name":"evented","transport":{"type":"http","url":"https://203.0.113.40/mcp",
                 "headers":{"Authorization":"Bearer event-secret"}}}""");
        given().auth().oauth2(manager).contentType(MERGE_PATCH).body("{\"description\":\"second\"}")
                .patch("/api/servers/{id}", id).then().statusCode(200);
        given().auth().oauth2(manager).contentType(MERGE_PATCH).body("{\"enabled\":false}")
                .patch("/api/servers/{id}", id).then().statusCode(200);
        given().auth().oauth2(manager).contentType(MERGE_PATCH).body("{\"enabled\":true,\"description\":\"third\"}")
                .patch("/api/servers/{id}", id).then().statusCode(200);
        given().auth().oauth2(manager).contentType(MERGE_PATCH).body("{\"description\":\"third\"}")
                .patch("/api/servers/{id}", id).then().statusCode(200);
        given().auth().oauth2(manager).delete("/api/servers/{id}", id).then().statusCode(204);
        given().auth().oauth2(manager).post("/api/servers/{id}/restore", id).then().statusCode(200);

        List<ConsumerRecord<String, String>> records = TopicReader.read(Topics.REGISTRY,
                record -> id.equals(record.key()), 7, Duration.ofSeconds(30));
        List<String> types = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            assertFalse(record.value().contains("event-secret"), record.value());
            JsonNode event = JSON.readTree(record.value());
            types.add(event.get("type").asText());
            assertEquals(tenant, event.get("tenantid").asText());
            assertEquals(keyId, event.get("actorid").asText());
            assertEquals(id, event.get("subject").asText());
            assertEquals("***", event.at("/data/transport/headers/Authorization").asText());
        }
        assertEquals(List.of("server.created", "server.updated", "server.disabled", "server.updated", "server.enabled",
                "server.deleted", "server.restored"), types);
    }

    /** The invocation service reconnects on server.updated, so a new secret must make one; the same secret must not. */
    @Test
    void announcesANewSecretButNotTheSameSecretSentAgain() throws Exception {
        String tenant = createTenant(uniqueName("secret-events"));
        String manager = tokenFor(createKey(adminToken(), "manager", tenant, null));
        String id = createServer(manager, """
                {"name":"rotated","transport":{"type":"http","url":"https://203.0.113.42/mcp",
                 "headers":{"Authorization":"Bearer first"}}}""");
        String rotate = "{\"transport\":{\"headers\":{\"Authorization\":\"Bearer second\"}}}";
        given().auth().oauth2(manager).contentType(MERGE_PATCH).body(rotate)
                .patch("/api/servers/{id}", id).then().statusCode(200);
        given().auth().oauth2(manager).contentType(MERGE_PATCH).body(rotate)
                .patch("/api/servers/{id}", id).then().statusCode(200);
        given().auth().oauth2(manager).contentType(MERGE_PATCH).body("{\"description\":\"sentinel\"}")
                .patch("/api/servers/{id}", id).then().statusCode(200);

        List<ConsumerRecord<String, String>> records = TopicReader.read(Topics.REGISTRY,
                record -> id.equals(record.key()), 3, Duration.ofSeconds(30));
        assertEquals(List.of("server.created", "server.updated", "server.updated"), typesOf(records));
        assertEquals("", JSON.readTree(records.get(1).value()).at("/data/description").asText(""));
        assertEquals("sentinel", JSON.readTree(records.get(2).value()).at("/data/description").asText());
    }

    @Test
    void announcesGroupChangesAndTheServersTheyMove() throws Exception {
        String tenant = createTenant(uniqueName("group-events"));
        String manager = tokenFor(createKey(adminToken(), "manager", tenant, null));
        String group = given().auth().oauth2(manager).contentType(ContentType.JSON).body("{\"name\":\"Evented\"}")
                .post("/api/groups").then().statusCode(201).extract().path("data.id");
        String server = createServer(manager, "{\"name\":\"member\",\"groupId\":\"" + group + "\","
                + "\"transport\":{\"type\":\"http\",\"url\":\"https://203.0.113.41/mcp\"}}");
        given().auth().oauth2(manager).delete("/api/groups/{id}", group).then().statusCode(204);

        List<ConsumerRecord<String, String>> groupEvents = TopicReader.read(Topics.REGISTRY,
                record -> group.equals(record.key()), 2, Duration.ofSeconds(30));
        assertEquals(List.of("group.created", "group.deleted"), typesOf(groupEvents));
        List<ConsumerRecord<String, String>> serverEvents = TopicReader.read(Topics.REGISTRY,
                record -> server.equals(record.key()), 2, Duration.ofSeconds(30));
        assertEquals(List.of("server.created", "server.updated"), typesOf(serverEvents));
        assertEquals("", JSON.readTree(serverEvents.get(1).value()).at("/data/groupId").asText(""));
    }

    private static List<String> typesOf(List<ConsumerRecord<String, String>> records) throws Exception {
        List<String> types = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            types.add(JSON.readTree(record.value()).get("type").asText());
        }
        return types;
    }
}
