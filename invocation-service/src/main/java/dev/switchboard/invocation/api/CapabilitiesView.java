package dev.switchboard.invocation.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

@RegisterForReflection
public record CapabilitiesView(List<ServerCapabilities> servers, Summary summary) {

    @RegisterForReflection
    public record Summary(int servers, long connected, long tools, long prompts, long resources) {
    }

    public static CapabilitiesView of(List<ServerCapabilities> servers) {
        return new CapabilitiesView(servers, new Summary(servers.size(),
                servers.stream().filter(ServerCapabilities::connected).count(),
                servers.stream().mapToLong(server -> server.metadata().toolCount()).sum(),
                servers.stream().mapToLong(server -> server.metadata().promptCount()).sum(),
                servers.stream().mapToLong(server -> server.metadata().resourceCount()).sum()));
    }
}
