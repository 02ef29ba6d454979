package dev.switchboard.invocation.mcp;

import dev.switchboard.model.auth.ApiKeyAuth;
import dev.switchboard.model.auth.BearerAuth;
import dev.switchboard.model.auth.OAuth2Auth;
import dev.switchboard.model.auth.UpstreamAuth;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The headers a server's requests carry: those configured on its transport, and its credentials (an API key, a
 * bearer token, or an OAuth 2.0 token asked for each time, from cache).
 */
final class UpstreamCredentials {

    private final Map<String, String> fixed;
    private final UpstreamAuth auth;
    private final OAuth2Tokens tokens;

    UpstreamCredentials(Map<String, String> configured, UpstreamAuth auth, OAuth2Tokens tokens) {
        this.auth = auth;
        this.tokens = tokens;
        Map<String, String> headers = new LinkedHashMap<>(configured);
        if (auth instanceof ApiKeyAuth apiKey) {
            String prefix = apiKey.prefix().isEmpty() || apiKey.prefix().endsWith(" ") ? apiKey.prefix() : apiKey.prefix() + " ";
            headers.put(apiKey.header(), prefix + apiKey.key());
        } else if (auth instanceof BearerAuth bearer) {
            headers.put("Authorization", "Bearer " + bearer.token());
        }
        this.fixed = Map.copyOf(headers);
    }

    CompletableFuture<Map<String, String>> headers() {
        if (!(auth instanceof OAuth2Auth oauth)) {
            return CompletableFuture.completedFuture(fixed);
        }
        return tokens.token(oauth).thenApply(token -> {
            Map<String, String> headers = new LinkedHashMap<>(fixed);
            headers.put("Authorization", "Bearer " + token);
            return headers;
        });
    }

    /**
     * A 401 with an OAuth 2.0 token means it expired or was revoked early: forget it, so that the next request
     * fetches a fresh one. Only then is the refused request worth sending again.
     */
    boolean renewAfterUnauthorized() {
        if (auth instanceof OAuth2Auth oauth) {
            tokens.forget(oauth);
            return true;
        }
        return false;
    }
}
