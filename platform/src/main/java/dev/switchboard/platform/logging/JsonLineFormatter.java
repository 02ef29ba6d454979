package dev.switchboard.platform.logging;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.Map;
import org.jboss.logmanager.ExtFormatter;
import org.jboss.logmanager.ExtLogRecord;

/**
 * One JSON object per log record and line: {@code timestamp}, {@code level}, {@code logger}, {@code thread},
 * {@code message}, {@code mdc} and, when there is one, {@code exception}. Written by hand because it runs in the
 * logging system's class loader, where no JSON library is visible.
 */
public class JsonLineFormatter extends ExtFormatter {

    private final String service;

    public JsonLineFormatter(String service) {
        this.service = service;
    }

    @Override
    public String format(ExtLogRecord record) {
        StringBuilder json = new StringBuilder(256).append('{');
        field(json, "timestamp", Instant.ofEpochMilli(record.getMillis()).toString()).append(',');
        field(json, "level", record.getLevel().getName()).append(',');
        field(json, "service", service).append(',');
        field(json, "logger", record.getLoggerName()).append(',');
        field(json, "thread", record.getThreadName()).append(',');
        field(json, "message", formatMessage(record));
        Map<String, String> mdc = record.getMdcCopy();
        if (!mdc.isEmpty()) {
            json.append(",\"mdc\":{");
            boolean first = true;
            for (Map.Entry<String, String> entry : mdc.entrySet()) {
                if (!first) {
                    json.append(',');
                }
                field(json, entry.getKey(), entry.getValue());
                first = false;
            }
            json.append('}');
        }
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            json.append(',');
            field(json, "exception", trace.toString());
        }
        return json.append("}\n").toString();
    }

    private static StringBuilder field(StringBuilder json, String name, String value) {
        quote(json, name).append(':');
        return value == null ? json.append("null") : quote(json, value);
    }

    static StringBuilder quote(StringBuilder json, String value) {
        json.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"');
    }
}
