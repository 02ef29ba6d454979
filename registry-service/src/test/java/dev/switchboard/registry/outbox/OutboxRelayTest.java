package dev.switchboard.registry.outbox;

import static dev.switchboard.registry.RegistryApi.adminToken;
import static dev.switchboard.registry.RegistryApi.createServer;
import static dev.switchboard.registry.RegistryApi.httpServer;
import static dev.switchboard.registry.RegistryApi.uniqueName;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.localstack.EmbeddedKafkaBroker;
import dev.switchboard.localstack.LocalStackTestResource;
import dev.switchboard.localstack.TopicReader;
import dev.switchboard.model.event.Topics;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OutboxRelayTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void deliversEveryChangeMadeWhileTheBrokerWasDownOnceAndInOrderPerSubject() throws Exception {
        String admin = adminToken();
        EmbeddedKafkaBroker broker = LocalStackTestResource.shared().kafka();
        String run = uniqueName("outage");
        Map<String, List<String>> expected = new LinkedHashMap<>();

        broker.stop();
        try {
            for (int i = 0; i < 25; i++) {
                String id = createServer(admin, httpServer(run + "-" + i));
                List<String> types = new ArrayList<>(List.of("server.created"));
                for (int change = 0; change < 3; change++) {
                    given().auth().oauth2(admin).contentType("application/merge-patch+json")
                            .body("{\"description\":\"v" + change + "\"}")
                            .patch("/api/servers/{id}", id).then().statusCode(200);
                    types.add("server.updated");
                }
                expected.put(id, types);
            }
        } finally {
            broker.start();
        }

        List<ConsumerRecord<String, String>> records = TopicReader.read(Topics.REGISTRY,
                record -> expected.containsKey(record.key()), 100, Duration.ofSeconds(90));

        Set<String> ids = new HashSet<>();
        Map<String, List<String>> descriptions = new LinkedHashMap<>();
        Map<String, List<String>> types = new LinkedHashMap<>();
        for (ConsumerRecord<String, String> record : records) {
            JsonNode event = JSON.readTree(record.value());
            ids.add(event.get("id").asText());
            descriptions.computeIfAbsent(record.key(), key -> new ArrayList<>())
                    .add(event.get("data").path("description").asText("-"));
            types.computeIfAbsent(record.key(), key -> new ArrayList<>()).add(event.get("type").asText());
        }
        assertEquals(100, records.size());
        assertEquals(100, ids.size(), "100 distinct events");
        for (String server : expected.keySet()) {
            assertEquals(List.of("-", "v0", "v1", "v2"), descriptions.get(server), "in order for " + server);
            assertEquals(expected.get(server), types.get(server), "in order for " + server);
        }
    }
}
