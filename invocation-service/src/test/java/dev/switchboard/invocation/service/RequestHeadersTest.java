package dev.switchboard.invocation.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RequestHeadersTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void decodesPlainAndBase64ValuesAndRefusesWhatAHeaderMayNotCarry() {
        assertEquals(Optional.of("us-west1"), RequestHeaders.decode("us-west1"));
        assertEquals(Optional.of("Hello, 世界"), RequestHeaders.decode("=?base64?SGVsbG8sIOS4lueVjA==?="));
        assertEquals(Optional.of("=?base64?literal?="), RequestHeaders.decode("=?base64?PT9iYXNlNjQ/bGl0ZXJhbD89?="));
        assertEquals(Optional.empty(), RequestHeaders.decode("=?base64?not base64!?="));
        assertEquals(Optional.empty(), RequestHeaders.decode("Zoë"));
        assertEquals(Optional.empty(), RequestHeaders.decode("line1\nline2"));
    }

    @Test
    void mirrorsOnlyPropertiesReachedThroughPropertiesAlone() throws Exception {
        JsonNode schema = json("""
                {"type":"object","properties":{
                  "region":{"type":"string","x-mcp-header":"Region"},
                  "filter":{"type":"object","properties":{"owner":{"type":"string","x-mcp-header":"Owner"}}},
                  "rows":{"type":"array","items":{"type":"object","properties":{"id":{"type":"string","x-mcp-header":"Id"}}}},
                  "either":{"oneOf":[{"type":"object","properties":{"k":{"type":"string","x-mcp-header":"K"}}}]}}}
                """);
        assertEquals(List.of(new RequestHeaders.Mirrored("Region", List.of("region")),
                new RequestHeaders.Mirrored("Owner", List.of("filter", "owner"))), RequestHeaders.mirrored(schema));
    }

    @Test
    void comparesEachMirroredArgumentWithItsHeader() throws Exception {
        JsonNode schema = json("""
                {"type":"object","properties":{"region":{"type":"string","x-mcp-header":"Region"},
                  "limit":{"type":"integer","x-mcp-header":"Limit"},"dry":{"type":"boolean","x-mcp-header":"Dry"}}}
                """);
        JsonNode arguments = json("{\"region\":\"us-west1\",\"limit\":42,\"dry\":true}");
        Map<String, String> agreeing = Map.of("mcp-param-region", "us-west1", "mcp-param-limit", "42.0", "mcp-param-dry", "true");
        assertEquals(Optional.empty(), RequestHeaders.paramMismatch(schema, arguments, name -> agreeing.get(name.toLowerCase())));

        Map<String, String> otherRegion = Map.of("mcp-param-region", "eu-west1", "mcp-param-limit", "42", "mcp-param-dry", "true");
        assertEquals(Optional.of("Mcp-Param-Region header value 'eu-west1' does not match body value \"us-west1\""),
                RequestHeaders.paramMismatch(schema, arguments, name -> otherRegion.get(name.toLowerCase())));
        Map<String, String> noLimit = Map.of("mcp-param-region", "us-west1", "mcp-param-dry", "true");
        assertEquals(Optional.of("Mcp-Param-Limit is missing; the tool's schema mirrors arguments.limit into it"),
                RequestHeaders.paramMismatch(schema, arguments, name -> noLimit.get(name.toLowerCase())));
        assertEquals(Optional.of("Mcp-Param-Limit is sent but arguments.limit is not"),
                RequestHeaders.paramMismatch(schema, json("{\"region\":\"us-west1\",\"limit\":null,\"dry\":true}"),
                        name -> agreeing.get(name.toLowerCase())));
    }
}
