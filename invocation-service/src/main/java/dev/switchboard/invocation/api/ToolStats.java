package dev.switchboard.invocation.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * {@code GET /api/tools/stats}, in the reference's shape: the tools the caller sees, the calls to them, the most
 * called, and the calls of each recent UTC day, newest first.
 */
@RegisterForReflection
public record ToolStats(long totalTools, long totalInvocations, List<TopTool> topTools, List<DayCount> invocationsByDay) {

    /**
     * @param name              the tool's own name, as {@code /api/tools} shows it
     * @param averageDurationMs over the calls that reached the server; {@code null} before the first
     */
    @RegisterForReflection
    public record TopTool(String name, String qualifiedName, UUID serverId, String serverName, long invocations,
                          long errors, Long averageDurationMs) {
    }

    @RegisterForReflection
    public record DayCount(LocalDate date, long count) {
    }
}
