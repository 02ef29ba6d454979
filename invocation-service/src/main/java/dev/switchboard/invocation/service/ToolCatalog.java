package dev.switchboard.invocation.service;

import dev.switchboard.invocation.api.ToolCategory;
import dev.switchboard.invocation.api.ToolView;
import dev.switchboard.invocation.mcp.Catalog;
import dev.switchboard.invocation.mcp.UpstreamSession;
import dev.switchboard.invocation.repository.ToolUsageRepository;
import dev.switchboard.model.api.PageResult;
import dev.switchboard.model.server.ServerDefinition;
import dev.switchboard.platform.error.ApiException;
import dev.switchboard.platform.security.Caller;
import dev.switchboard.platform.security.ToolPatterns;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The tools of every connected server that the caller may see: listed, counted and found by name. A caller sees the
 * servers of its tenant and the global ones its tenant enabled, narrowed by its key's tool patterns; a tool it may
 * not see is, to it, a tool that does not exist.
 */
@ApplicationScoped
public class ToolCatalog {

    /** Between a server's name and its tool's in a qualified name, as {@code /mcp} and invoke accept it. */
    public static final String SEPARATOR = "__";

    private static final String PICK_ONE = "call one of them by that name, or name the serverId";

    private final ServerDirectory directory;
    private final ConnectionManager connections;
    private final ToolUsage usage;

    public ToolCatalog(ServerDirectory directory, ConnectionManager connections, ToolUsage usage) {
        this.directory = directory;
        this.connections = connections;
        this.usage = usage;
    }

    /** A tool and the server that offers it. */
    public record Offered(ServerDefinition server, Catalog.Tool tool) {
        public String qualifiedName() {
            return server.name() + SEPARATOR + tool.name();
        }
    }

    public PageResult<ToolView> list(ToolFilter filter, int limit, int offset, Caller caller) {
        String query = filter.query() == null ? null : filter.query().toLowerCase(Locale.ROOT);
        Map<ToolUsageRepository.ToolKey, ToolUsageRepository.Usage> used = usage.byTool(caller.tenantScope());
        List<ToolView> matching = visible(caller).stream()
                .filter(offered -> query == null || offered.qualifiedName().toLowerCase(Locale.ROOT).contains(query)
                        || (offered.tool().description() != null
                        && offered.tool().description().toLowerCase(Locale.ROOT).contains(query)))
                .filter(offered -> filter.category() == null || filter.category().equalsIgnoreCase(offered.server().metadata().category()))
                .filter(offered -> offered.server().metadata().tags().containsAll(filter.tags()))
                .filter(offered -> filter.server() == null || filter.server().equals(offered.server().id().toString())
                        || filter.server().equals(offered.server().name()))
                .map(offered -> view(offered, used, caller))
                .sorted(order(filter.sort()))
                .toList();
        return new PageResult<>(matching.stream().skip(offset).limit(limit).toList(), matching.size(), limit, offset);
    }

    /** How many visible tools each server category holds; servers without a category count as {@code uncategorized}. */
    public List<ToolCategory> categories(Caller caller) {
        return visible(caller).stream().collect(Collectors.groupingBy(
                offered -> offered.server().metadata().category() == null ? "uncategorized" : offered.server().metadata().category(),
                TreeMap::new, Collectors.counting()))
                .entrySet().stream().map(category -> new ToolCategory(category.getKey(), category.getValue())).toList();
    }

    /** Every tool the caller may see, of connected servers only. */
    public List<Offered> visible(Caller caller) {
        return directory.all().stream()
                .filter(server -> directory.visibleTo(server, caller))
                .flatMap(server -> connections.sessionIfConnected(server.id()).map(UpstreamSession::catalog)
                        .orElse(Catalog.EMPTY).tools().stream().map(tool -> new Offered(server, tool)))
                .filter(offered -> ToolPatterns.allows(caller.toolPatterns(), offered.server().name(), offered.tool().name()))
                .toList();
    }

    /**
     * By qualified name ({@code server__tool}) or by the server's own tool name; with {@code serverId}, on that
     * server only. A name that several servers share answers 409 naming them ({@link OneOffer}). A tool of a server
     * that is away for now is still found, so that calling it answers 503 rather than 404. Looked up by name, never by
     * listing every tool: the cost of a call does not grow with the catalog.
     */
    Offered resolve(String name, UUID serverId, Caller caller) {
        if (serverId != null) {
            ServerDefinition server = directory.get(serverId).filter(found -> directory.visibleTo(found, caller))
                    .orElseThrow(() -> ApiException.notFound("server", serverId));
            connections.session(server.id());
            String toolName = name.startsWith(server.name() + SEPARATOR)
                    ? name.substring(server.name().length() + SEPARATOR.length()) : name;
            return offeredBy(server, toolName, caller).orElseThrow(() -> ApiException.notFound("tool", name));
        }
        int separator = name.indexOf(SEPARATOR);
        if (separator > 0) {
            String toolName = name.substring(separator + SEPARATOR.length());
            List<Offered> qualified = directory.named(name.substring(0, separator)).stream()
                    .filter(server -> directory.visibleTo(server, caller))
                    .flatMap(server -> offeredBy(server, toolName, caller).stream())
                    .toList();
            if (!qualified.isEmpty()) {
                return OneOffer.among(qualified, "tool", name, Offered::qualifiedName, PICK_ONE);
            }
        }
        List<Offered> bare = directory.all().stream()
                .filter(server -> directory.visibleTo(server, caller))
                .flatMap(server -> offeredBy(server, name, caller).stream())
                .toList();
        return OneOffer.among(bare, "tool", name, Offered::qualifiedName, PICK_ONE);
    }

    private Optional<Offered> offeredBy(ServerDefinition server, String toolName, Caller caller) {
        if (!ToolPatterns.allows(caller.toolPatterns(), server.name(), toolName)) {
            return Optional.empty();
        }
        return connections.knownCatalog(server.id()).tool(toolName).map(tool -> new Offered(server, tool));
    }

    private ToolView view(Offered offered, Map<ToolUsageRepository.ToolKey, ToolUsageRepository.Usage> usage, Caller caller) {
        ToolUsageRepository.Usage used = usage.getOrDefault(new ToolUsageRepository.ToolKey(caller.tenantScope().orElse(null),
                offered.server().id(), offered.tool().name()), ToolUsageRepository.Usage.NEVER);
        Catalog.Tool tool = offered.tool();
        return new ToolView(tool.name(), offered.qualifiedName(), tool.title(), tool.description(), offered.server().id(),
                offered.server().name(), offered.server().metadata().category(), offered.server().metadata().tags(),
                tool.inputSchema(), tool.annotations(), used.calls(), used.lastUsedAt());
    }

    private static Comparator<ToolView> order(String sort) {
        Comparator<ToolView> byName = Comparator.comparing(ToolView::name).thenComparing(ToolView::qualifiedName);
        return switch (sort) {
            case "usage" -> Comparator.comparingLong(ToolView::usageCount).reversed().thenComparing(byName);
            case "recent" -> Comparator.comparing(ToolView::lastUsedAt, Comparator.nullsLast(Comparator.<Instant>reverseOrder()))
                    .thenComparing(byName);
            default -> byName;
        };
    }
}
