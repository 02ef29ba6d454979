package dev.switchboard.platform.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Secrets read from files, as container platforms hand them over: for each environment variable
 * {@code SWITCHBOARD_<NAME>_FILE}, the file's content (without its trailing newline) is the value of
 * {@code SWITCHBOARD_<NAME>}. A secret then never sits in the process environment or on its command line, which
 * the processes it starts (stdio servers) could otherwise read from {@code /proc}.
 */
public class FileSecretsConfigSource implements ConfigSource {

    private static final String PREFIX = "SWITCHBOARD_";
    private static final String SUFFIX = "_FILE";

    private final Map<String, String> secrets;

    public FileSecretsConfigSource() {
        this(System.getenv());
    }

    FileSecretsConfigSource(Map<String, String> environment) {
        Map<String, String> read = new HashMap<>();
        environment.forEach((name, file) -> {
            if (name.startsWith(PREFIX) && name.endsWith(SUFFIX) && !file.isBlank()) {
                read.put(name.substring(0, name.length() - SUFFIX.length()), contentOf(name, Path.of(file)));
            }
        });
        this.secrets = Map.copyOf(read);
    }

    private static String contentOf(String variable, Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(variable + " names " + file + ", which cannot be read", e);
        }
    }

    @Override
    public Set<String> getPropertyNames() {
        return secrets.keySet();
    }

    @Override
    public String getValue(String propertyName) {
        return secrets.get(propertyName);
    }

    @Override
    public String getName() {
        return "secret files (SWITCHBOARD_*_FILE)";
    }

    /** Above the environment, so that a file wins over a variable of the same name. */
    @Override
    public int getOrdinal() {
        return 310;
    }
}
