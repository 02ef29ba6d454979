package dev.switchboard.platform.crypto;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-GCM for secrets at rest. A sealed value is {@code v1:<key id>:<base64(iv || ciphertext || tag)>}, so that it
 * names the key it needs and a rotated key can still open what it sealed. The key id is bound as associated data:
 * a value cannot be made to decrypt under another key's name.
 */
@ApplicationScoped
public class SecretCipher {

    private static final String FORMAT = "v1";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecureRandom random = new SecureRandom();
    private final Map<String, SecretKey> keys = new HashMap<>();
    private final String activeKeyId;

    public SecretCipher(SecretsConfig config) {
        config.keys().forEach((id, encoded) -> keys.put(id, decodeKey(id, encoded)));
        if (!keys.containsKey(config.activeKey())) {
            throw new IllegalStateException("switchboard.secrets.active-key names " + config.activeKey()
                    + ", which is not among switchboard.secrets.keys");
        }
        this.activeKeyId = config.activeKey();
    }

    public String seal(String plaintext) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(activeKeyId), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(activeKeyId.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] body = ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array();
            return FORMAT + ":" + activeKeyId + ":" + Base64.getEncoder().encodeToString(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    public String open(String sealedValue) {
        String[] parts = sealedValue.split(":", 3);
        if (parts.length != 3 || !FORMAT.equals(parts[0])) {
            throw new IllegalArgumentException("Not a sealed secret");
        }
        SecretKey key = keys.get(parts[1]);
        if (key == null) {
            throw new IllegalStateException("Secret sealed with key " + parts[1] + ", which is no longer configured");
        }
        byte[] body = Base64.getDecoder().decode(parts[2]);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, body, 0, IV_BYTES));
            cipher.updateAAD(parts[1].getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(body, IV_BYTES, body.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Secret could not be decrypted: wrong key or tampered value", e);
        }
    }

    /** Whether a value was sealed with a key other than the active one, and so is due for rewriting. */
    public boolean needsRotation(String sealedValue) {
        return !sealedValue.startsWith(FORMAT + ":" + activeKeyId + ":");
    }

    private static SecretKey decodeKey(String id, String encoded) {
        byte[] bytes = Base64.getDecoder().decode(encoded.trim());
        if (bytes.length != 16 && bytes.length != 24 && bytes.length != 32) {
            throw new IllegalStateException("switchboard.secrets.keys." + id + " must be a base64 AES key of 128, 192 or 256 bits");
        }
        return new SecretKeySpec(bytes, "AES");
    }
}
