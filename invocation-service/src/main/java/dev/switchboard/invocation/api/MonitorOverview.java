package dev.switchboard.invocation.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The gateway at a glance, as far as the caller may see it.
 *
 * @param recentActivity the latest calls through this replica, newest first
 */
@RegisterForReflection
public record MonitorOverview(Overview overview, List<ServerActivity> servers, List<RecentCall> recentActivity,
                              List<CircuitBreakerView> circuitBreakers) {

    /**
     * @param totalServers     servers the caller may see
     * @param enabledServers   of those, the ones enabled
     * @param connectedServers of those, the ones connected now
     * @param totalTools       tools offered by the connected servers
     * @param requestsToday    tool calls that reached a server or the cache today (UTC), on every replica
     * @param openCircuits     servers whose circuit is open or half-open
     * @param uptime           seconds since this replica started
     */
    @RegisterForReflection
    public record Overview(long totalServers, long enabledServers, long connectedServers, long totalTools,
                           long requestsToday, long openCircuits, Instant startedAt, long uptime) {
    }

    /**
     * A server and its calls, counted on every replica since the calls were first counted.
     *
     * @param status           its connection state
     * @param averageLatencyMs over the calls that reached it; absent before the first
     */
    @RegisterForReflection
    public record ServerActivity(UUID serverId, String serverName, String status, int tools, long calls, long errors,
                                 Long averageLatencyMs) {
    }
}
