package dev.switchboard.platform.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSecretsConfigSourceTest {

    @TempDir
    Path directory;

    @Test
    void readsASecretFromTheFileItsVariableNames() throws Exception {
        Path key = Files.writeString(directory.resolve("secrets.key"), "c2VjcmV0LWtleQ==\n");
        FileSecretsConfigSource source = new FileSecretsConfigSource(Map.of(
                "SWITCHBOARD_SECRETS_KEY_FILE", key.toString(), "PATH_FILE", key.toString(), "SWITCHBOARD_PORT", "8081"));

        assertEquals("c2VjcmV0LWtleQ==", source.getValue("SWITCHBOARD_SECRETS_KEY"));
        assertEquals(Set.of("SWITCHBOARD_SECRETS_KEY"), source.getPropertyNames(), "only SWITCHBOARD_*_FILE");
        assertNull(source.getValue("PATH"));
        assertTrue(source.getOrdinal() > 300, "a file wins over a variable of the same name");
    }

    @Test
    void refusesToStartWhenTheFileCannotBeRead() {
        UncheckedIOException refused = assertThrows(UncheckedIOException.class, () -> new FileSecretsConfigSource(
                Map.of("SWITCHBOARD_SERVICE_KEY_FILE", directory.resolve("missing").toString())));
        assertTrue(refused.getMessage().startsWith("SWITCHBOARD_SERVICE_KEY_FILE names"), refused.getMessage());
    }
}
