package dev.switchboard.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * What a service's image holds is what its Dockerfiles copy from the package; none of it may be a key. The local
 * stack's keys (`.switchboard/`) are outside every build context, and a key that the build itself produces or that a
 * test configures must not slip into the package: an API key, a private key, or a key file.
 */
class ImageContentsTest {

    private static final Pattern API_KEY = Pattern.compile("sb_[A-Za-z0-9_-]{16,}");
    private static final Pattern PRIVATE_KEY = Pattern.compile("-----BEGIN [A-Z ]*PRIVATE KEY-----");
    private static final List<String> KEY_FILES = List.of(".key", ".pem", ".p12", ".jks");

    @Test
    void theImagesCarryNoKeys() throws IOException {
        List<String> found = new ArrayList<>();
        for (String name : Services.NAMES) {
            Path module = Services.module(name);
            try (Stream<Path> dockerfiles = Files.list(module.resolve("src/main/docker"))) {
                for (Path dockerfile : dockerfiles.filter(file -> file.getFileName().toString().startsWith("Dockerfile.jvm")).toList()) {
                    for (String source : Dockerfile.read(dockerfile).copied()) {
                        assertTrue(source.startsWith("target/quarkus-app"), dockerfile + " copies " + source
                                + " from outside the package");
                        scan(module.resolve(source), found);
                    }
                }
            }
        }
        assertEquals(List.of(), found, "keys in what the images copy");
    }

    private static void scan(Path copied, List<String> found) throws IOException {
        try (Stream<Path> files = Files.walk(copied)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                if (isKeyFile(file.getFileName().toString())) {
                    found.add(file.toString());
                } else if (file.toString().endsWith(".jar") && isOurs(file)) {
                    scanJar(file, found);
                } else if (!file.toString().endsWith(".jar")) {
                    check(file.toString(), Files.readAllBytes(file), found);
                }
            }
        }
    }

    /** Our own code and configuration, and what Quarkus generated from them; third-party jars hold neither. */
    private static boolean isOurs(Path jar) {
        String path = jar.toString();
        return path.contains("dev.switchboard") || path.contains("/app/") || path.contains("/quarkus/")
                || path.endsWith("quarkus-run.jar");
    }

    private static void scanJar(Path jar, List<String> found) {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                String where = jar + "!" + entry.getName();
                if (isKeyFile(entry.getName())) {
                    found.add(where);
                } else if (!entry.isDirectory()) {
                    try (InputStream content = zip.getInputStream(entry)) {
                        check(where, content.readAllBytes(), found);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void check(String where, byte[] content, List<String> found) {
        String text = new String(content, StandardCharsets.ISO_8859_1);
        API_KEY.matcher(text).results().forEach(match -> found.add(where + ": " + match.group()));
        if (PRIVATE_KEY.matcher(text).find()) {
            found.add(where + ": a private key");
        }
    }

    private static boolean isKeyFile(String name) {
        return KEY_FILES.stream().anyMatch(name::endsWith);
    }
}
