package dev.switchboard.registry.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import java.util.UUID;

/** What an import did to each group and server, matched by name. */
@RegisterForReflection
public record ImportResult(List<Item> groups, List<Item> servers) {

    public enum Action { created, updated, unchanged }

    /**
     * @param missingSecrets the secrets the document could not carry and no stored value supplied; a server created
     *                       without some is left disabled until they are set
     */
    @RegisterForReflection
    public record Item(String name, UUID id, Action action, List<String> missingSecrets) {
    }
}
