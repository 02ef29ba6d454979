package dev.switchboard.deploy;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a service reads and serves, from its sources and its build, to hold the manifests against. */
record Services(String name, int httpPort, int managementPort, Set<String> settings, Set<String> requiredSettings) {

    static final List<String> NAMES = List.of("registry", "invocation", "audit", "webhook");
    static final Path ROOT = Rendered.KUBERNETES.resolve("../..").normalize();

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]+)(:?)");
    private static final Pattern PORT = Pattern.compile("\\$\\{[A-Z_]+:(\\d+)}");

    static Services of(String name) throws IOException {
        String platform = Files.readString(ROOT.resolve("platform/src/main/resources/META-INF/microprofile-config.properties"));
        String own = Files.readString(module(name).resolve("src/main/resources/application.properties"));
        Properties properties = new Properties();
        properties.load(new StringReader(own));
        Set<String> settings = new HashSet<>();
        Set<String> required = new HashSet<>();
        for (String line : (platform + "\n" + own).split("\n")) {
            // What runs in a pod: the prod profile, not the test or dev ones.
            if ((line.startsWith("%") && !line.startsWith("%prod.")) || line.startsWith("#")) {
                continue;
            }
            Matcher placeholder = PLACEHOLDER.matcher(line);
            while (placeholder.find()) {
                settings.add(placeholder.group(1));
                if (placeholder.group(2).isEmpty()) {
                    required.add(placeholder.group(1));
                }
            }
        }
        return new Services(name, port(properties, "quarkus.http.port"), port(properties, "quarkus.management.port"),
                settings, required);
    }

    static Path module(String name) {
        return ROOT.resolve(name + "-service");
    }

    String app() {
        return name + "-service";
    }

    private static int port(Properties properties, String key) {
        Matcher port = PORT.matcher(properties.getProperty(key, ""));
        if (!port.matches()) {
            throw new AssertionError(key + " has no default port: " + properties.getProperty(key));
        }
        return Integer.parseInt(port.group(1));
    }
}
