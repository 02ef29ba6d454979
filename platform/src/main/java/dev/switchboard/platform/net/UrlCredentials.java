package dev.switchboard.platform.net;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Credentials written into a URL: {@code user:password@host}, or a query parameter named like a key or a token.
 * A URL is stored, answered, exported and published in clear, so such a URL is refused and its owner told to move
 * the credential into headers, auth or env, which are sealed and masked.
 */
public final class UrlCredentials {

    private static final Set<String> CREDENTIAL_PARAMETERS = Set.of("key", "apikey", "api_key", "api-key", "token",
            "access_token", "accesstoken", "auth", "authorization", "password", "passwd", "pwd", "secret",
            "client_secret", "sig", "signature", "x-api-key", "private_token", "session", "sessionid");
    /** A URL anywhere in an argument, with user information before its host. */
    private static final Pattern USER_INFO_IN_TEXT = Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]*://[^/@\\s]+@");

    private UrlCredentials() {
    }

    /** @return what in the URL is a credential, in words, when there is one */
    public static Optional<String> inUrl(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of("carries credentials before its host");
        }
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                String name = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
                if (CREDENTIAL_PARAMETERS.contains(name.toLowerCase(Locale.ROOT))) {
                    return Optional.of("carries a credential in its query parameter " + name);
                }
            }
        }
        return Optional.empty();
    }

    /** Whether a command-line argument holds a URL with a user and password in it. */
    public static boolean inArgument(String argument) {
        return USER_INFO_IN_TEXT.matcher(argument).find();
    }
}
