package dev.switchboard.platform.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.switchboard.platform.error.ApiException;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class OutboundUrlPolicyTest {

    private static final Set<String> HTTP = Set.of("http", "https");
    private final OutboundUrlPolicy strict = new OutboundUrlPolicy(false);

    @ParameterizedTest
    @ValueSource(strings = {
            "http://127.0.0.1:8080/hook", "http://localhost/hook", "http://10.1.2.3/hook", "http://172.16.0.9/hook",
            "http://192.168.1.1/hook", "http://169.254.169.254/latest/meta-data", "http://[::1]/hook",
            "http://[fd00::1]/hook", "http://0.0.0.0/hook", "http://100.64.0.1/hook", "http://metadata.google.internal/"})
    void refusesInternalAddresses(String url) {
        ApiException refused = assertThrows(ApiException.class, () -> strict.check("url", url, HTTP));
        assertEquals("url", refused.errors().get(0).field());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://example.com/x", "/relative/path", "http:///nohost", "not a url"})
    void refusesUrlsOfTheWrongShape(String url) {
        assertThrows(ApiException.class, () -> strict.check("url", url, HTTP));
    }

    @Test
    void acceptsAPublicAddress() {
        assertEquals("93.184.215.14", strict.check("url", "https://93.184.215.14/hook", HTTP).getHost());
    }

    @Test
    void allowsInternalAddressesWhenConfiguredTo() {
        assertEquals(8080, new OutboundUrlPolicy(true).check("url", "http://127.0.0.1:8080/hook", HTTP).getPort());
    }
}
