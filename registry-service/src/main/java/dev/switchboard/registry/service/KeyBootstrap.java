package dev.switchboard.registry.service;

import dev.switchboard.platform.security.Role;
import dev.switchboard.registry.config.RegistryConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Makes sure someone can get in: the configured bootstrap admin key and service key exist. When no admin key is
 * configured and none has ever existed, one is generated once and written to a file only its owner can read; the log
 * says where, never the key. After the last admin key is revoked, nothing is generated behind anyone's back: an
 * operator configures a new bootstrap key.
 */
@ApplicationScoped
public class KeyBootstrap {

    /** 32 characters: a key shorter than that is guessable, whatever it looks like. */
    static final int MIN_CONFIGURED_KEY_LENGTH = 32;
    private static final Logger LOG = Logger.getLogger(KeyBootstrap.class);

    private final ApiKeyService keys;
    private final RegistryConfig config;

    public KeyBootstrap(ApiKeyService keys, RegistryConfig config) {
        this.keys = keys;
        this.config = config;
    }

    void onStart(@Observes StartupEvent startup) {
        Optional<String> service = configured(config.serviceKey(), "SWITCHBOARD_SERVICE_KEY");
        Optional<String> admin = configured(config.bootstrapAdminKey(), "SWITCHBOARD_BOOTSTRAP_ADMIN_KEY");
        service.ifPresent(key -> keys.ensureConfiguredKey("service", Role.SERVICE, key));
        if (admin.isPresent()) {
            if (keys.ensureConfiguredKey("bootstrap-admin", Role.ADMIN, admin.get())) {
                LOG.info("Stored the bootstrap admin key from SWITCHBOARD_BOOTSTRAP_ADMIN_KEY");
            }
            return;
        }
        if (keys.anyWithRole(Role.ADMIN)) {
            if (!keys.anyActiveAdmin()) {
                LOG.warn("Every admin key is revoked and none is configured; set SWITCHBOARD_BOOTSTRAP_ADMIN_KEY to get in again");
            }
            return;
        }
        generate(config.bootstrapAdminKeyFile());
    }

    private void generate(Path file) {
        String generated = ApiKeys.generate();
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, (generated + "\n").getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (FileAlreadyExistsException e) {
            throw new IllegalStateException("No admin key exists, but " + file + " does: remove it, or configure its key"
                    + " as SWITCHBOARD_BOOTSTRAP_ADMIN_KEY", e);
        } catch (IOException e) {
            throw new UncheckedIOException("No admin key exists and none could be written to " + file
                    + "; set SWITCHBOARD_BOOTSTRAP_ADMIN_KEY", e);
        }
        keys.ensureConfiguredKey("bootstrap-admin", Role.ADMIN, generated);
        LOG.warnf("No admin key existed, so one was generated and written to %s (readable by its owner only)",
                file.toAbsolutePath());
    }

    /** A configured key, refused at start when it is too short to be secret. */
    static Optional<String> configured(Optional<String> key, String variable) {
        Optional<String> present = key.filter(value -> !value.isBlank());
        present.filter(value -> value.length() < MIN_CONFIGURED_KEY_LENGTH).ifPresent(weak -> {
            throw new IllegalStateException(variable + " is " + weak.length() + " characters long; a key needs at least "
                    + MIN_CONFIGURED_KEY_LENGTH + " random characters (for example: head -c 32 /dev/urandom | base64)");
        });
        return present;
    }
}
