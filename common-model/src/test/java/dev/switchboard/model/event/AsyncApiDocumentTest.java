package dev.switchboard.model.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.model.ModelJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/asyncapi.json}, the reference of every Kafka consumer, is what the records make of it, and valid by
 * the official AsyncAPI parser. When a record changes, regenerate it:
 * {@code mvn -pl common-model test -Dtest=AsyncApiDocumentTest -Dasyncapi.write=true}.
 */
class AsyncApiDocumentTest {

    private static final Path DOCUMENT = Path.of("../docs/asyncapi.json");
    private static final Path VALIDATOR = Path.of("src/test/asyncapi");
    private static final ObjectMapper JSON = ModelJson.MAPPER;

    @Test
    void theCommittedDocumentDescribesTheRecordsAsTheyAre() throws IOException {
        ObjectNode generated = AsyncApiDocument.generate();
        if (Boolean.getBoolean("asyncapi.write")) {
            Files.writeString(DOCUMENT, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(generated) + "\n");
        }
        List<String> drift = differences("", generated, JSON.readTree(DOCUMENT.toFile()));
        assertEquals(List.of(), drift, "docs/asyncapi.json is not what the records say; regenerate it (see this test's"
                + " javadoc) and keep changes additive (DESIGN §3)");
    }

    @Test
    void aFieldARecordGainedOrLostIsCaught() {
        ObjectNode generated = AsyncApiDocument.generate();
        ObjectNode older = generated.deepCopy();
        ObjectNode connected = (ObjectNode) older.at("/components/schemas/ServerConnected/properties");
        connected.remove("protocolVersion");
        connected.putObject("retiredField").put("type", "string");

        List<String> drift = differences("", generated, older);

        assertTrue(drift.contains("/components/schemas/ServerConnected/properties/protocolVersion: only in the records"),
                drift.toString());
        assertTrue(drift.contains("/components/schemas/ServerConnected/properties/retiredField: only in the document"),
                drift.toString());
    }

    @Test
    void everyEventTypeIsAMessageOfItsTopicWithItsDataRecord() {
        ObjectNode generated = AsyncApiDocument.generate();
        for (EventType type : EventType.values()) {
            JsonNode channelMessage = generated.path("channels").path(type.topic()).path("messages").path(type.typeName());
            assertEquals("#/components/messages/" + type.typeName(), channelMessage.path("$ref").asText(), type.typeName());
            JsonNode payload = generated.at("/components/messages/" + type.typeName() + "/payload");
            JsonNode data = payload.path("allOf").path(1).path("properties").path("data");
            assertEquals("#/components/schemas/" + type.dataType().getSimpleName(), data.path("$ref").asText(),
                    type.typeName());
        }
    }

    @Test
    void theOfficialParserFindsNoErrorInTheDocument() throws Exception {
        Process node = new ProcessBuilder("node", "validate.mjs", DOCUMENT.toAbsolutePath().toString())
                .directory(VALIDATOR.toFile()).redirectErrorStream(true).start();
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(node.waitFor(120, TimeUnit.SECONDS), "the parser did not finish");
        assertEquals(0, node.exitValue(), output);
        JsonNode result = JSON.readTree(output.lines().reduce((first, last) -> last).orElse("{}"));
        assertEquals(0, result.path("errors").size(), output);
        assertEquals(EventType.values().length, result.path("messages").asInt(), output);
    }

    /** Where two JSON trees differ, as JSON pointers, saying on which side a member is missing. */
    static List<String> differences(String path, JsonNode records, JsonNode document) {
        List<String> found = new ArrayList<>();
        if (records.isObject() && document.isObject()) {
            for (Iterator<String> names = records.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                String at = path + "/" + name.replace("~", "~0").replace("/", "~1");
                if (document.has(name)) {
                    found.addAll(differences(at, records.get(name), document.get(name)));
                } else {
                    found.add(at + ": only in the records");
                }
            }
            for (Iterator<String> names = document.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!records.has(name)) {
                    found.add(path + "/" + name.replace("~", "~0").replace("/", "~1") + ": only in the document");
                }
            }
        } else if (!records.equals(document)) {
            found.add(path + ": " + records + " in the records, " + document + " in the document");
        }
        return found;
    }
}
