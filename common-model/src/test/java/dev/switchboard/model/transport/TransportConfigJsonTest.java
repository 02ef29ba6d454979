package dev.switchboard.model.transport;

import static dev.switchboard.model.ModelJson.MAPPER;
import static dev.switchboard.model.ModelJson.invalidPaths;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TransportConfigJsonTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"type\":\"stdio\",\"command\":\"npx\",\"args\":[\"-y\",\"@modelcontextprotocol/server-everything\"],\"env\":{\"DEBUG\":\"1\"}}",
            "{\"type\":\"sse\",\"url\":\"https://mcp.example.com/sse\",\"headers\":{\"X-Team\":\"core\"}}",
            "{\"type\":\"http\",\"url\":\"http://127.0.0.1:3001/mcp\",\"headers\":{}}",
            "{\"type\":\"websocket\",\"url\":\"wss://mcp.example.com/ws\",\"headers\":{},"
                    + "\"reconnect\":{\"enabled\":true,\"maxAttempts\":5,\"initialDelayMs\":200,\"maxDelayMs\":5000,\"backoffMultiplier\":1.5},"
                    + "\"heartbeat\":{\"enabled\":false,\"intervalMs\":15000,\"timeoutMs\":5000}}"
    })
    void roundTripsEveryTransportWithItsTypeDiscriminator(String json) throws Exception {
        TransportConfig config = MAPPER.readValue(json, TransportConfig.class);

        JsonNode written = MAPPER.readTree(MAPPER.writeValueAsString(config));
        assertEquals(MAPPER.readTree(json), written);
        assertEquals(config, MAPPER.treeToValue(written, TransportConfig.class));
        assertEquals(Set.of(), invalidPaths(config));
    }

    @Test
    void mapsEachDiscriminatorToItsRecord() throws Exception {
        assertInstanceOf(StdioTransport.class, read("{\"type\":\"stdio\",\"command\":\"uvx\"}"));
        assertInstanceOf(SseTransport.class, read("{\"type\":\"sse\",\"url\":\"http://h/sse\"}"));
        assertInstanceOf(StreamableHttpTransport.class, read("{\"type\":\"http\",\"url\":\"http://h/mcp\"}"));
        assertInstanceOf(WebSocketTransport.class, read("{\"type\":\"websocket\",\"url\":\"ws://h/ws\"}"));
    }

    @Test
    void fillsDefaultsForOmittedOptionalFields() throws Exception {
        StdioTransport stdio = (StdioTransport) read("{\"type\":\"stdio\",\"command\":\"uvx\"}");
        assertEquals(List.of(), stdio.args());
        assertEquals(Map.of(), stdio.env());

        WebSocketTransport ws = (WebSocketTransport) read("{\"type\":\"websocket\",\"url\":\"ws://h/ws\"}");
        assertEquals(ReconnectPolicy.DEFAULT, ws.reconnect());
        assertEquals(HeartbeatPolicy.DEFAULT, ws.heartbeat());
    }

    @Test
    void rejectsAnUnknownTypeNamingIt() {
        InvalidTypeIdException error = assertThrows(InvalidTypeIdException.class,
                () -> read("{\"type\":\"carrier-pigeon\",\"url\":\"http://h\"}"));
        assertEquals("carrier-pigeon", error.getTypeId());
    }

    @Test
    void rejectsAMissingType() {
        InvalidTypeIdException error = assertThrows(InvalidTypeIdException.class,
                () -> read("{\"command\":\"npx\"}"));
        assertTrue(error.getOriginalMessage().contains("type"), error.getOriginalMessage());
    }

    @Test
    void flagsMissingRequiredFieldsByName() throws Exception {
        assertEquals(Set.of("command"), invalidPaths(read("{\"type\":\"stdio\",\"args\":[\"x\"]}")));
        assertEquals(Set.of("url"), invalidPaths(read("{\"type\":\"http\"}")));
        assertEquals(Set.of("command"), invalidPaths(read("{\"type\":\"stdio\",\"command\":\"  \"}")));
    }

    @Test
    void flagsUrlsOfTheWrongShapeOrScheme() throws Exception {
        assertEquals(Set.of("url"), invalidPaths(read("{\"type\":\"sse\",\"url\":\"not a url\"}")));
        assertEquals(Set.of("url"), invalidPaths(read("{\"type\":\"http\",\"url\":\"ftp://h/mcp\"}")));
        assertEquals(Set.of("url"), invalidPaths(read("{\"type\":\"websocket\",\"url\":\"http://h/ws\"}")));
    }

    @Test
    void flagsOutOfRangeReconnectAndHeartbeatSettings() throws Exception {
        TransportConfig ws = read("{\"type\":\"websocket\",\"url\":\"ws://h/ws\","
                + "\"reconnect\":{\"enabled\":true,\"maxAttempts\":-1,\"initialDelayMs\":5000,\"maxDelayMs\":100},"
                + "\"heartbeat\":{\"enabled\":true,\"intervalMs\":5,\"timeoutMs\":1000}}");

        assertEquals(Set.of("reconnect.maxAttempts", "reconnect.delayRangeOrdered", "heartbeat.intervalMs"),
                invalidPaths(ws));
    }

    private static TransportConfig read(String json) throws Exception {
        return MAPPER.readValue(json, TransportConfig.class);
    }
}
