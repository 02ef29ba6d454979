package dev.switchboard.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.audit.repository.AuditRow;
import java.time.Instant;
import java.util.UUID;

/** Builds stored rows for tests that need many events or exact times. */
public final class AuditRows {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AuditRows() {
    }

    public static AuditRow invocation(String tenant, String actor, String server, String tool, boolean success,
                                      long durationMs, Instant time) {
        ObjectNode data = JSON.createObjectNode().put("serverId", server).put("serverName", "srv-" + server)
                .put("tool", tool).put("durationMs", durationMs);
        String type = success ? "tool.invoked" : "tool.error";
        return row(tenant, actor, type, "/invocation-service", server, data, time, "tool", server, tool, success,
                durationMs);
    }

    public static AuditRow change(String tenant, String actor, String type, String subject, String dataJson,
                                  Instant time) {
        String resourceType = type.substring(0, type.indexOf('.'));
        try {
            return row(tenant, actor, type, "/registry-service", subject, JSON.readTree(dataJson), time, resourceType,
                    resourceType.equals("server") ? subject : null, null, null, null);
        } catch (Exception e) {
            throw new IllegalArgumentException(dataJson, e);
        }
    }

    private static AuditRow row(String tenant, String actor, String type, String source, String subject, JsonNode data,
                                Instant time, String resourceType, String server, String tool, Boolean success,
                                Long durationMs) {
        String id = UUID.randomUUID().toString();
        ObjectNode envelope = JSON.createObjectNode().put("specversion", "1.0").put("id", id).put("source", source)
                .put("type", type).put("time", time.toString()).put("subject", subject).put("tenantid", tenant)
                .put("actorid", actor);
        envelope.set("data", data);
        return new AuditRow(id, time, type, source, tenant, actor, resourceType, subject, server, tool, success,
                durationMs, envelope.toString());
    }
}
