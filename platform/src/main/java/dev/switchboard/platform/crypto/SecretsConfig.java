package dev.switchboard.platform.crypto;

import io.smallrye.config.ConfigMapping;
import java.util.Map;

/**
 * The keys that encrypt secrets at rest: {@code switchboard.secrets.keys.<id>=<base64 AES key>} and
 * {@code switchboard.secrets.active-key=<id>}. New values are encrypted with the active key; old keys stay listed
 * until every value written with them has been rewritten, which is how a key is rotated.
 */
@ConfigMapping(prefix = "switchboard.secrets")
public interface SecretsConfig {

    String activeKey();

    Map<String, String> keys();
}
