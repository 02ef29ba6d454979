package dev.switchboard.invocation.rest;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

/**
 * The gateway at a glance.
 *
 * @param servers          servers known to this replica
 * @param enabledServers   of those, the ones enabled
 * @param connectedServers of those, the ones connected now
 * @param tools            tools offered by the connected servers
 */
@RegisterForReflection
public record MonitorOverview(long servers, long enabledServers, long connectedServers, long tools, Instant startedAt,
                              long uptimeSeconds) {
}
