package dev.switchboard.invocation.rest;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import java.util.UUID;

/** Per-server results of a bulk connect or disconnect, and how many reached the goal. */
@RegisterForReflection
public record BulkResult(List<Item> results, Summary summary) {

    /** @param state the connection state afterwards; absent when the server could not be found */
    @RegisterForReflection
    public record Item(UUID serverId, boolean success, String state, String error) {
    }

    /**
     * @param connected the servers connected afterwards
     * @param failed    the servers that did not reach the state asked for
     */
    @RegisterForReflection
    public record Summary(long total, long connected, long failed) {
    }
}
