package dev.switchboard.invocation.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import java.util.UUID;

/** Per-server results of a bulk connect or disconnect, and how many reached the goal. */
@RegisterForReflection
public record BulkResult(List<Item> results, Summary summary) {

    /**
     * @param status    the connection state afterwards, as the references name it; absent when the server could not
     *                  be found
     * @param toolCount the tools it offers afterwards
     */
    @RegisterForReflection
    public record Item(UUID serverId, boolean success, String status, Integer toolCount, String error) {
    }

    /**
     * @param connected the servers connected afterwards
     * @param failed    the servers that did not reach the state asked for
     */
    @RegisterForReflection
    public record Summary(long total, long connected, long failed) {
    }
}
