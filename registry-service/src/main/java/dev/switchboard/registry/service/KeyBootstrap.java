package dev.switchboard.registry.service;

import dev.switchboard.platform.security.Role;
import dev.switchboard.registry.config.RegistryConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Makes sure someone can get in: the configured bootstrap admin key and service key exist, and when no admin key is
 * configured and none exists, one is generated and logged, once.
 */
@ApplicationScoped
public class KeyBootstrap {

    private static final Logger LOG = Logger.getLogger(KeyBootstrap.class);

    private final ApiKeyService keys;
    private final RegistryConfig config;

    public KeyBootstrap(ApiKeyService keys, RegistryConfig config) {
        this.keys = keys;
        this.config = config;
    }

    void onStart(@Observes StartupEvent startup) {
        config.serviceKey().filter(key -> !key.isBlank())
                .ifPresent(key -> keys.ensureConfiguredKey("service", Role.SERVICE, key));
        var configured = config.bootstrapAdminKey().filter(key -> !key.isBlank());
        if (configured.isPresent()) {
            if (keys.ensureConfiguredKey("bootstrap-admin", Role.ADMIN, configured.get())) {
                LOG.info("Stored the bootstrap admin key from SWITCHBOARD_BOOTSTRAP_ADMIN_KEY");
            }
        } else if (!keys.anyActiveAdmin()) {
            String generated = ApiKeys.generate();
            keys.ensureConfiguredKey("bootstrap-admin", Role.ADMIN, generated);
            LOG.warnf("No admin key existed, so one was generated. It is shown this once: %s", generated);
        }
    }
}
