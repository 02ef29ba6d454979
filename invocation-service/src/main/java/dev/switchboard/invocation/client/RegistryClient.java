package dev.switchboard.invocation.client;

import dev.switchboard.invocation.config.InvocationConfig;
import dev.switchboard.model.api.PageResult;
import dev.switchboard.model.server.ServerDefinition;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * What this service reads of the registry ({@link RegistryApi}), with a token for this service's key, renewed shortly
 * before it expires and once more when the registry answers 401. Whatever goes wrong on the way is a
 * {@link RegistryUnavailableException}: callers keep what they have and try again later.
 */
@ApplicationScoped
public class RegistryClient {

    private final RegistryApi api;
    private final InvocationConfig.Registry config;
    private String token;
    private Instant tokenRenewAt = Instant.MIN;

    public RegistryClient(@RestClient RegistryApi api, InvocationConfig config) {
        this.api = api;
        this.config = config.registry();
    }

    /** Every live server, secrets in clear. */
    public List<ServerDefinition> servers() {
        return pages("/internal/servers", (bearer, offset) -> api.servers(bearer, config.pageSize(), offset).data());
    }

    /** One live server; empty when the registry does not know it, or it is deleted. */
    public Optional<ServerDefinition> server(UUID id) {
        return Optional.ofNullable(ask("/internal/servers/" + id, bearer -> {
            try {
                return api.server(bearer, id).data();
            } catch (WebApplicationException answered) {
                if (answered.getResponse().getStatus() == 404) {
                    return null;
                }
                throw answered;
            }
        }));
    }

    /** Every tenant with the global servers it enabled, by id or name. */
    public List<TenantSettings> tenants() {
        return pages("/internal/tenants", (bearer, offset) -> api.tenants(bearer, config.pageSize(), offset).data())
                .stream().map(tenant -> new TenantSettings(tenant.id(), tenant.settings().enabledMcpServers())).toList();
    }

    private interface PageRequest<T> {
        PageResult<T> page(String bearer, int offset);
    }

    private <T> List<T> pages(String path, PageRequest<T> request) {
        List<T> all = new ArrayList<>();
        int offset = 0;
        while (true) {
            int from = offset;
            PageResult<T> page = ask(path, bearer -> request.page(bearer, from));
            all.addAll(page.items());
            offset += config.pageSize();
            if (offset >= page.total()) {
                return all;
            }
        }
    }

    /** The registry's answer, with the token renewed once when it is refused. */
    private <T> T ask(String path, Function<String, T> call) {
        try {
            try {
                return call.apply("Bearer " + token(false));
            } catch (WebApplicationException refused) {
                if (refused.getResponse().getStatus() != 401) {
                    throw refused;
                }
                return call.apply("Bearer " + token(true));
            }
        } catch (WebApplicationException answered) {
            throw new RegistryUnavailableException("The registry answered " + answered.getResponse().getStatus()
                    + " for " + path, null);
        } catch (ProcessingException unreachable) {
            throw new RegistryUnavailableException("The registry cannot be reached for " + path, unreachable);
        }
    }

    private synchronized String token(boolean renew) {
        if (!renew && token != null && Instant.now().isBefore(tokenRenewAt)) {
            return token;
        }
        String key = config.serviceKey().orElseThrow(() -> new RegistryUnavailableException(
                "switchboard.invocation.registry.service-key (SWITCHBOARD_SERVICE_KEY) is not set", null));
        RegistryApi.IssuedToken issued;
        try {
            issued = api.token(key).data();
        } catch (WebApplicationException refused) {
            throw new RegistryUnavailableException("The registry refused this service's key: "
                    + refused.getResponse().getStatus(), null);
        }
        token = issued.accessToken();
        tokenRenewAt = Instant.now().plusSeconds(Math.max(issued.expiresIn() - 30, 5));
        return token;
    }
}
