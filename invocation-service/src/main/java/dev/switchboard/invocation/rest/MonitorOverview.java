package dev.switchboard.invocation.rest;

import java.time.Instant;

/**
 * The gateway at a glance.
 *
 * @param servers        servers known to this replica, deleted ones left out
 * @param enabledServers of those, the ones enabled
 */
public record MonitorOverview(long servers, long enabledServers, Instant startedAt, long uptimeSeconds) {
}
