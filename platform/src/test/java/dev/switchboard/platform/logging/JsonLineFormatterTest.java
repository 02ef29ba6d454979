package dev.switchboard.platform.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.logging.Level;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

class JsonLineFormatterTest {

    @Test
    void writesOneParsableJsonObjectPerRecordEvenForAwkwardMessages() throws Exception {
        ExtLogRecord record = new ExtLogRecord(Level.WARNING, "quote \" backslash \\ newline \n tab \t bell \u0007 ünï",
                JsonLineFormatterTest.class.getName());
        record.setLoggerName("dev.switchboard.test");
        record.setThrown(new IllegalStateException("boom"));

        String line = new JsonLineFormatter("audit-service").format(record);

        assertTrue(line.endsWith("}\n") && line.indexOf('\n') == line.length() - 1, "one line: " + line);
        JsonNode json = new ObjectMapper().readTree(line);
        assertEquals("WARNING", json.get("level").asText());
        assertEquals("audit-service", json.get("service").asText());
        assertEquals("dev.switchboard.test", json.get("logger").asText());
        assertEquals("quote \" backslash \\ newline \n tab \t bell \u0007 ünï", json.get("message").asText());
        assertTrue(json.get("exception").asText().startsWith("java.lang.IllegalStateException: boom"));
    }
}
