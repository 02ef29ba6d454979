package dev.switchboard.audit.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.testsupport.TestTokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AuditExportVolumeTest {

    private static final int ROWS = 100_000;

    @TestHTTPResource("/api/audit/export")
    URL export;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ObjectMapper json;

    @Test
    void streamsAHundredThousandRowJsonExportAsItReadsThem() throws Exception {
        String tenant = "bulk-" + UUID.randomUUID();
        insertRows(tenant);

        HttpRequest request = HttpRequest.newBuilder(URI.create(export + "?format=json"))
                .header("Authorization", "Bearer " + TestTokens.forRole("manager", tenant)).build();
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofInputStream());

        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("content-length").isEmpty(), "streamed, not buffered: no length up front");
        int objects = 0;
        try (InputStream body = response.body(); JsonParser parser = json.getFactory().createParser(body)) {
            assertEquals(JsonToken.START_ARRAY, parser.nextToken());
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                parser.skipChildren();
                objects++;
            }
        }
        assertEquals(ROWS, objects);
    }

    private void insertRows(String tenant) throws Exception {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("""
                     INSERT INTO audit_event (event_id, occurred_at, type, source, tenant_id, actor_id, resource_type,
                                              resource_id, server_id, tool_name, success, duration_ms, envelope)
                     SELECT ? || '-' || n, now() - n * interval '1 second', 'tool.invoked', '/invocation-service', ?,
                            'bulk', 'tool', 's1', 's1', 'echo', true, n % 100,
                            jsonb_build_object('specversion', '1.0', 'id', ? || '-' || n, 'type', 'tool.invoked',
                                               'data', jsonb_build_object('tool', 'echo', 'padding', repeat('x', 200)))
                     FROM generate_series(1, ?) AS n
                     """)) {
            insert.setString(1, tenant);
            insert.setString(2, tenant);
            insert.setString(3, tenant);
            insert.setInt(4, ROWS);
            assertEquals(ROWS, insert.executeUpdate());
        }
    }
}
