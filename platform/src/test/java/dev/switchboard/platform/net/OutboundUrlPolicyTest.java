package dev.switchboard.platform.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.platform.error.ApiException;
import java.net.InetAddress;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OutboundUrlPolicyTest {

    private static final Set<String> HTTP = Set.of("http", "https");
    private final OutboundUrlPolicy strict = new OutboundUrlPolicy(false);

    @ParameterizedTest
    @ValueSource(strings = {
            "http://127.0.0.1:8080/hook", "http://localhost/hook", "http://10.1.2.3/hook", "http://172.16.0.9/hook",
            "http://192.168.1.1/hook", "http://169.254.169.254/latest/meta-data", "http://[::1]/hook",
            "http://[fd00::1]/hook", "http://0.0.0.0/hook", "http://100.64.0.1/hook", "http://metadata.google.internal/",
            "http://[64:ff9b::a9fe:a9fe]/nat64-to-metadata", "http://[64:ff9b:1::a00:1]/local-nat64-to-private",
            "http://[2002:7f00:1::]/6to4-to-loopback", "http://[2002:a9fe:a9fe::1]/6to4-to-metadata",
            "http://198.18.0.1/benchmarking", "http://198.19.255.254/benchmarking", "http://192.0.0.8/ietf",
            "http://240.0.0.1/reserved", "http://255.255.255.255/broadcast", "http://0.1.2.3/this-network",
            "http://[::ffff:169.254.169.254]/mapped", "http://[::ffff:a9fe:a9fe]/mapped-hex", "http://[::127.0.0.1]/compatible",
            "http://[2001:0::1]/teredo", "http://[fe80::1]/link-local", "http://[ff02::1]/multicast", "http://[::]/any",
            "http://instance-data/latest", "http://api.localhost/x"})
    void refusesInternalAddresses(String url) {
        ApiException refused = assertThrows(ApiException.class, () -> strict.check("url", url, HTTP));
        assertEquals("url", refused.errors().get(0).field());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://example.com/x", "/relative/path", "http:///nohost", "not a url"})
    void refusesUrlsOfTheWrongShape(String url) {
        assertThrows(ApiException.class, () -> strict.check("url", url, HTTP));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://93.184.215.14/hook", "https://[2606:4700::6810:84e5]/hook",
            "https://[64:ff9b::5db8:d70e]/nat64-to-public", "https://[2002:5db8:d70e::1]/6to4-to-public",
            "https://203.0.113.10/documentation-range", "https://198.17.255.255/below-benchmarking",
            "https://198.20.0.1/above-benchmarking", "https://192.0.1.1/above-ietf"})
    void acceptsPublicAddressesIncludingThoseCarriedInIpv6(String url) {
        strict.check("url", url, HTTP);
    }

    @Test
    void refusesAConnectionToAnInternalAddressWhateverTheNameLooksLike() throws Exception {
        RefusedAddressException refused = assertThrows(RefusedAddressException.class,
                () -> strict.resolve(InetAddress.getLocalHost().getHostName()));
        assertTrue(refused.getMessage().contains("private") || refused.getMessage().contains("local"), refused.getMessage());
        assertFalse(strict.permits(InetAddress.getByName("10.0.0.1")));
        assertTrue(new OutboundUrlPolicy(true).permits(InetAddress.getByName("10.0.0.1")));
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
