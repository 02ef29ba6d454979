package dev.switchboard.registry.service;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.testsupport.LocalStackTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A registry started on an empty database without a configured admin key. */
@QuarkusTest
@TestProfile(KeyBootstrapTest.EmptyRegistry.class)
class KeyBootstrapTest {

    static final Path KEY_FILE = Path.of("target", "bootstrap-test", "bootstrap-admin.key");
    static final Path LOG_FILE = Path.of("target", "bootstrap-test", "registry.log");

    public static class EmptyRegistry implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                Files.deleteIfExists(KEY_FILE);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            String database = "registry_bootstrap_" + System.nanoTime();
            LocalStackTestResource.shared().postgres().ensureDatabases(List.of(database));
            return Map.of("quarkus.datasource.jdbc.url", LocalStackTestResource.shared().postgres().jdbcUrl(database),
                    "switchboard.registry.bootstrap-admin-key", "",
                    "switchboard.registry.bootstrap-admin-key-file", KEY_FILE.toString(),
                    "quarkus.log.file.enable", "true",
                    "quarkus.log.file.path", LOG_FILE.toString());
        }
    }

    @Inject
    KeyBootstrap bootstrap;

    @Test
    void writesAGeneratedAdminKeyToAFileOnlyItsOwnerReadsAndNeverLogsIt() throws Exception {
        assertTrue(Files.exists(KEY_FILE), "the generated key is written to " + KEY_FILE);
        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(KEY_FILE));
        String key = Files.readString(KEY_FILE).trim();
        String token = given().header("X-API-Key", key).post("/auth/token").then().statusCode(200)
                .extract().path("data.accessToken");
        String log = Files.readString(LOG_FILE);
        assertFalse(log.contains(key), "the key is in the log");
        assertTrue(log.contains("bootstrap-admin.key"), "the log says where the key is");

        String keyId = given().auth().oauth2(token).get("/api/keys").then().statusCode(200)
                .extract().path("data.items.find { it.role == 'admin' }.id");
        given().auth().oauth2(token).delete("/api/keys/{id}", keyId).then().statusCode(204);
        Files.delete(KEY_FILE);

        bootstrap.onStart(null);

        assertFalse(Files.exists(KEY_FILE), "no new key once an admin key has existed");
        given().contentType(ContentType.JSON).body("{\"apiKey\":\"" + key + "\"}").post("/auth/token").then().statusCode(401);
    }

    @Test
    void refusesToStartWithAGuessableConfiguredKey() {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> KeyBootstrap.configured(Optional.of("sb_admin"), "SWITCHBOARD_BOOTSTRAP_ADMIN_KEY"));
        assertTrue(refused.getMessage().contains("at least 32"), refused.getMessage());
        assertEquals(Optional.empty(), KeyBootstrap.configured(Optional.of(" "), "SWITCHBOARD_SERVICE_KEY"));
    }
}
