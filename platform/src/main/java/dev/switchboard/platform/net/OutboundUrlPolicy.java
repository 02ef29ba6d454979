package dev.switchboard.platform.net;

import dev.switchboard.platform.error.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Refuses outbound URLs (webhooks, HTTP transports, OAuth token endpoints) that resolve to loopback, private,
 * link-local, unique-local, reserved or cloud metadata addresses, so that Switchboard cannot be aimed at its own
 * network (DESIGN §4). An IPv6 address that carries an IPv4 one (IPv4-mapped, NAT64, 6to4) is judged by the IPv4
 * address inside. URLs are checked when saved, with {@link #check}, and again at every connection, with
 * {@link #resolve}, on the very address connected to. The local and test profiles allow internal addresses with
 * {@code switchboard.outbound.allow-private-addresses=true}.
 */
@ApplicationScoped
public class OutboundUrlPolicy {

    private static final Set<String> METADATA_HOSTS = Set.of("metadata.google.internal", "metadata", "instance-data");
    private static final String REFUSED = "must not point to a local, private or metadata address";

    private final boolean allowPrivate;

    @Inject
    public OutboundUrlPolicy(OutboundConfig config) {
        this(config.allowPrivateAddresses());
    }

    public OutboundUrlPolicy(boolean allowPrivate) {
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
        try {
            resolve(uri.getHost());
        } catch (RefusedAddressException e) {
            throw ApiException.invalid(field, e.unresolvable() ? "has a host name that does not resolve" : REFUSED);
        }
        return uri;
    }

    /**
     * Resolves a host for a connection and checks every address it resolves to: one internal address among public
     * ones is enough to refuse, since the connection could land on it.
     *
     * @return the addresses to connect to
     * @throws RefusedAddressException when the name is a local or metadata one, or resolves to an internal address
     */
    public List<InetAddress> resolve(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        if (name.startsWith("[") && name.endsWith("]")) {
            name = name.substring(1, name.length() - 1);
        }
        if (!allowPrivate && (METADATA_HOSTS.contains(name) || name.equals("localhost") || name.endsWith(".localhost"))) {
            throw new RefusedAddressException(host + " is a local or metadata host name", false);
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(name);
        } catch (UnknownHostException e) {
            throw new RefusedAddressException(host + " does not resolve", true);
        }
        for (InetAddress address : addresses) {
            if (!permits(address)) {
                throw new RefusedAddressException(host + " resolves to " + address.getHostAddress()
                        + ", a local, private or metadata address", false);
            }
        }
        return Arrays.asList(addresses);
    }

    /** Whether a connection to this address is allowed. */
    public boolean permits(InetAddress address) {
        return allowPrivate || !isInternal(address);
    }

    static boolean isInternal(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (address instanceof Inet6Address) {
            byte[] embedded = embeddedIpv4(bytes);
            if (embedded != null) {
                try {
                    return isInternal(InetAddress.getByAddress(embedded));
                } catch (UnknownHostException e) {
                    return true;
                }
            }
            boolean uniqueLocal = (bytes[0] & 0xfe) == 0xfc;
            boolean teredo = bytes[0] == 0x20 && bytes[1] == 0x01 && bytes[2] == 0 && bytes[3] == 0;
            return uniqueLocal || teredo || address.isLoopbackAddress() || address.isLinkLocalAddress()
                    || address.isSiteLocalAddress() || address.isAnyLocalAddress() || address.isMulticastAddress();
        }
        int first = bytes[0] & 0xff;
        int second = bytes[1] & 0xff;
        return address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()
                || first == 0                                      // 0.0.0.0/8, "this network"
                || (first == 100 && (second & 0xc0) == 64)         // 100.64.0.0/10, carrier-grade NAT
                || (first == 198 && (second & 0xfe) == 18)         // 198.18.0.0/15, benchmarking
                || (first == 192 && second == 0 && bytes[2] == 0)  // 192.0.0.0/24, IETF protocol assignments
                || first >= 240;                                   // 240.0.0.0/4, reserved, and broadcast
    }

    /**
     * The IPv4 address inside an IPv6 one: IPv4-mapped {@code ::ffff:0:0/96}, IPv4-compatible {@code ::/96}, NAT64
     * {@code 64:ff9b::/96} and {@code 64:ff9b:1::/48}, and 6to4 {@code 2002::/16}; otherwise null.
     */
    static byte[] embeddedIpv4(byte[] v6) {
        boolean zeroPrefix = allZero(v6, 0, 10);
        if (zeroPrefix && (v6[10] & 0xff) == 0xff && (v6[11] & 0xff) == 0xff) {
            return Arrays.copyOfRange(v6, 12, 16);
        }
        if (zeroPrefix && v6[10] == 0 && v6[11] == 0 && !allZero(v6, 12, 15)) {
            return Arrays.copyOfRange(v6, 12, 16);
        }
        boolean nat64 = v6[0] == 0x00 && v6[1] == 0x64 && (v6[2] & 0xff) == 0xff && (v6[3] & 0xff) == 0x9b;
        if (nat64 && (allZero(v6, 4, 12) || (v6[4] == 0 && v6[5] == 1))) {
            return Arrays.copyOfRange(v6, 12, 16);
        }
        if (v6[0] == 0x20 && v6[1] == 0x02) {
            return Arrays.copyOfRange(v6, 2, 6);
        }
        return null;
    }

    private static boolean allZero(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
