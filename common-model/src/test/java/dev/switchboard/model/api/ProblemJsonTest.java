package dev.switchboard.model.api;

import static dev.switchboard.model.ModelJson.MAPPER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProblemJsonTest {

    @Test
    void writesTheDesignErrorShape() {
        Problem problem = Problem.of(ErrorCode.VALIDATION_ERROR, "2 fields are invalid", "/api/servers",
                List.of(new FieldError("name", "must not be blank"), new FieldError("transport.url", "must be an absolute http or https URL")));

        JsonNode json = MAPPER.valueToTree(problem);

        assertEquals(400, json.get("status").asInt());
        assertEquals("VALIDATION_ERROR", json.get("code").asText());
        assertFalse(json.get("success").asBoolean());
        assertEquals("urn:switchboard:problem:validation-error", json.get("type").asText());
        assertEquals("transport.url", json.get("errors").get(1).get("field").asText());
        assertEquals(problem, MAPPER.convertValue(json, Problem.class));
    }

    @Test
    void leavesOutEmptyErrorsAndTheCorrelationIdUnlessSet() {
        JsonNode json = MAPPER.valueToTree(Problem.of(ErrorCode.NOT_FOUND, "server not found", "/api/servers/x", List.of()));

        assertFalse(json.has("errors"));
        assertFalse(json.has("correlationId"));
        assertEquals("c-1", MAPPER.valueToTree(Problem.of(ErrorCode.INTERNAL_ERROR, "x", "/", null)
                .withCorrelationId("c-1")).get("correlationId").asText());
    }
}
