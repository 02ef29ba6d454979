package dev.switchboard.platform.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretCipherTest {

    private static final String OLD_KEY = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String NEW_KEY = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());

    @Test
    void opensWhatItSealsWithoutShowingThePlaintext() {
        SecretCipher cipher = cipher("k1", Map.of("k1", OLD_KEY));

        String sealed = cipher.seal("ghp_secret-token");

        assertTrue(sealed.startsWith("v1:k1:"));
        assertFalse(sealed.contains("ghp_secret-token"));
        assertEquals("ghp_secret-token", cipher.open(sealed));
        assertNotEquals(sealed, cipher.seal("ghp_secret-token"), "a fresh IV for every value");
    }

    @Test
    void opensValuesOfARotatedKeyAndFlagsThemForRewriting() {
        String sealedWithOld = cipher("k1", Map.of("k1", OLD_KEY)).seal("value");
        SecretCipher rotated = cipher("k2", Map.of("k1", OLD_KEY, "k2", NEW_KEY));

        assertEquals("value", rotated.open(sealedWithOld));
        assertTrue(rotated.needsRotation(sealedWithOld));
        assertFalse(rotated.needsRotation(rotated.seal("value")));
    }

    @Test
    void refusesATamperedValue() {
        SecretCipher cipher = cipher("k1", Map.of("k1", OLD_KEY));
        String sealed = cipher.seal("value");
        String tampered = sealed.substring(0, sealed.length() - 4) + (sealed.endsWith("AAAA") ? "BBBB" : "AAAA");

        assertThrows(IllegalStateException.class, () -> cipher.open(tampered));
    }

    @Test
    void refusesAnActiveKeyThatIsNotConfigured() {
        assertThrows(IllegalStateException.class, () -> cipher("missing", Map.of("k1", OLD_KEY)));
    }

    private static SecretCipher cipher(String active, Map<String, String> keys) {
        return new SecretCipher(new SecretsConfig() {
            @Override
            public String activeKey() {
                return active;
            }

            @Override
            public Map<String, String> keys() {
                return keys;
            }
        });
    }
}
