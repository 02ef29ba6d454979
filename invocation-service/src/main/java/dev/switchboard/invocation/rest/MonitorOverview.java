package dev.switchboard.invocation.rest;

import io.quarkus.runtime.annotations.RegisterForReflection;
import dev.switchboard.invocation.service.ServerGuards;
import java.time.Instant;
import java.util.List;

/**
 * The gateway at a glance.
 *
 * @param servers          servers known to this replica
 * @param enabledServers   of those, the ones enabled
 * @param connectedServers of those, the ones connected now
 * @param tools            tools offered by the connected servers
 * @param requestsToday    tool calls that reached a server today (UTC) through this replica
 * @param openCircuits     servers whose circuit is open or half-open
 */
@RegisterForReflection
public record MonitorOverview(long servers, long enabledServers, long connectedServers, long tools, long requestsToday,
                              long openCircuits, List<ServerGuards.BreakerView> circuitBreakers, Instant startedAt,
                              long uptimeSeconds) {
}
