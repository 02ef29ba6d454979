package dev.switchboard.platform.net;

import dev.switchboard.platform.error.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses outbound URLs (webhooks, HTTP transports) that resolve to loopback, private, link-local, unique-local or
 * cloud metadata addresses, so that Switchboard cannot be aimed at its own network (DESIGN §4). The local and test
 * profiles allow them with {@code switchboard.outbound.allow-private-addresses=true}.
 */
@ApplicationScoped
public class OutboundUrlPolicy {

    private static final Set<String> METADATA_HOSTS = Set.of("metadata.google.internal", "metadata", "instance-data");

    private final boolean allowPrivate;

    public OutboundUrlPolicy(
            @ConfigProperty(name = "switchboard.outbound.allow-private-addresses", defaultValue = "false") boolean allowPrivate) {
        this.allowPrivate = allowPrivate;
    }

    /**
     * @param field   the request field that holds the URL, for the error
     * @param schemes the schemes allowed, such as {@code http} and {@code https}
     * @throws ApiException a 400 naming {@code field} when the URL is malformed or points somewhere forbidden
     */
    public URI check(String field, String url, Set<String> schemes) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(field, "is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!schemes.contains(scheme) || uri.getHost() == null) {
            throw ApiException.invalid(field, "must be an absolute URL with scheme " + String.join(" or ", schemes));
        }
        if (allowPrivate) {
            return uri;
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (METADATA_HOSTS.contains(host) || host.equals("localhost") || host.endsWith(".localhost")) {
            throw ApiException.invalid(field, "must not point to a local, private or metadata address");
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw ApiException.invalid(field, "has a host name that does not resolve");
        }
        for (InetAddress address : addresses) {
            if (isInternal(address)) {
                throw ApiException.invalid(field, "must not point to a local, private or metadata address");
            }
        }
        return uri;
    }

    static boolean isInternal(InetAddress address) {
        byte[] bytes = address.getAddress();
        boolean uniqueLocalV6 = bytes.length == 16 && (bytes[0] & 0xfe) == 0xfc;
        boolean carrierGradeNat = bytes.length == 4 && (bytes[0] & 0xff) == 100 && (bytes[1] & 0xc0) == 64;
        return address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress() || uniqueLocalV6 || carrierGradeNat;
    }
}
