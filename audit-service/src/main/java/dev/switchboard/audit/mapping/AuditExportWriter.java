package dev.switchboard.audit.mapping;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.audit.repository.AuditRow;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

/** Writes exported rows as CSV (RFC 4180, CRLF line ends, formula-safe) or as one JSON array, row by row. */
@ApplicationScoped
public class AuditExportWriter {

    static final List<String> CSV_HEADER = List.of("id", "time", "type", "source", "tenantId", "actorId",
            "resourceType", "resourceId", "serverId", "tool", "success", "durationMs", "data");

    private final ObjectMapper json;

    public AuditExportWriter(ObjectMapper json) {
        this.json = json;
    }

    /** Runs {@code rows}, which feeds each row to the consumer it is given, and writes them as CSV. */
    public void csv(OutputStream out, Consumer<Consumer<AuditRow>> rows) throws IOException {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        line(writer, CSV_HEADER.toArray());
        rows.accept(row -> {
            try {
                line(writer, row.eventId(), row.occurredAt(), row.type(), row.source(), row.tenantId(), row.actorId(),
                        row.resourceType(), row.resourceId(), row.serverId(), row.toolName(), row.success(),
                        row.durationMs(), dataOf(row));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        writer.flush();
    }

    public void json(OutputStream out, Consumer<Consumer<AuditRow>> rows) throws IOException {
        JsonGenerator generator = json.getFactory().createGenerator(out);
        generator.writeStartArray();
        rows.accept(row -> {
            try {
                generator.writeStartObject();
                generator.writeStringField("id", row.eventId());
                generator.writeStringField("time", row.occurredAt().toString());
                generator.writeStringField("type", row.type());
                generator.writeStringField("source", row.source());
                generator.writeStringField("tenantId", row.tenantId());
                generator.writeStringField("actorId", row.actorId());
                generator.writeStringField("resourceType", row.resourceType());
                generator.writeStringField("resourceId", row.resourceId());
                generator.writeStringField("serverId", row.serverId());
                generator.writeStringField("tool", row.toolName());
                generator.writeObjectField("success", row.success());
                generator.writeObjectField("durationMs", row.durationMs());
                generator.writeFieldName("event");
                generator.writeRawValue(row.envelopeJson());
                generator.writeEndObject();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        generator.writeEndArray();
        generator.flush();
    }

    private String dataOf(AuditRow row) throws IOException {
        var data = json.readTree(row.envelopeJson()).get("data");
        return data == null || data.isNull() ? null : json.writeValueAsString(data);
    }

    private static void line(Writer writer, Object... cells) throws IOException {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                writer.write(',');
            }
            writer.write(CsvCells.cell(cells[i]));
        }
        writer.write("\r\n");
    }
}
