package dev.switchboard.platform.net;

import dev.switchboard.model.api.FieldError;
import dev.switchboard.model.auth.OAuth2Auth;
import dev.switchboard.model.auth.UpstreamAuth;
import dev.switchboard.model.transport.SseTransport;
import dev.switchboard.model.transport.StdioTransport;
import dev.switchboard.model.transport.StreamableHttpTransport;
import dev.switchboard.model.transport.TransportConfig;
import dev.switchboard.model.transport.WebSocketTransport;
import dev.switchboard.platform.error.ApiException;
import dev.switchboard.platform.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where Switchboard may be told to connect (DESIGN §4): stdio commands run on the invocation pods, so only admins
 * may name one, only from the allow-list, and not with arguments that run inline code; URLs may not point inside,
 * and no URL or argument may carry a credential in clear. The registry applies this to what it stores,
 * the invocation service to the unsaved configurations it tests.
 */
@ApplicationScoped
public class TransportRules {

    private static final Set<String> HTTP = Set.of("http", "https");
    private static final Set<String> WS = Set.of("ws", "wss");
    private static final String SEAL_IT = "; put it in headers, auth or env, which are sealed and masked";

    private final OutboundUrlPolicy urls;
    private final List<String> allowedCommands;
    private final Map<String, List<String>> deniedArguments;

    public TransportRules(OutboundUrlPolicy urls, StdioConfig stdio) {
        this.urls = urls;
        this.allowedCommands = stdio.allowedCommands().map(List::copyOf).orElse(List.of());
        this.deniedArguments = Map.copyOf(stdio.deniedArguments());
    }

    /** A 403 unless the caller may write a server that is, or was, reached over stdio. */
    public void requireMayUse(TransportConfig transport, TransportConfig current, Caller caller) {
        if (!caller.isAdmin() && (transport instanceof StdioTransport || current instanceof StdioTransport)) {
            throw ApiException.forbidden("stdio servers run commands on Switchboard's pods; only admins create or change them");
        }
    }

    /**
     * @param alreadyInvalid fields that failed their shape checks, whose destination is not checked as well
     * @return one error per refused command, argument or URL
     */
    public List<FieldError> check(TransportConfig transport, UpstreamAuth auth, Set<String> alreadyInvalid) {
        List<FieldError> errors = new ArrayList<>();
        if (transport instanceof StdioTransport stdio) {
            checkStdio(stdio, errors);
        } else if (transport instanceof SseTransport sse) {
            checkUrl("transport.url", sse.url(), HTTP, alreadyInvalid, errors);
        } else if (transport instanceof StreamableHttpTransport http) {
            checkUrl("transport.url", http.url(), HTTP, alreadyInvalid, errors);
        } else if (transport instanceof WebSocketTransport webSocket) {
            checkUrl("transport.url", webSocket.url(), WS, alreadyInvalid, errors);
        }
        if (auth instanceof OAuth2Auth oauth) {
            checkUrl("auth.tokenUrl", oauth.tokenUrl(), HTTP, alreadyInvalid, errors);
        }
        return errors;
    }

    private void checkStdio(StdioTransport stdio, List<FieldError> errors) {
        if (stdio.command() == null || stdio.command().isBlank()) {
            return;
        }
        if (!allowedCommands.contains(stdio.command())) {
            errors.add(new FieldError("transport.command", allowedCommands.isEmpty()
                    ? "is not allowed: no stdio command is (set SWITCHBOARD_STDIO_ALLOWED_COMMANDS)"
                    : "is not on the allow-list: " + String.join(", ", allowedCommands)));
            return;
        }
        List<String> args = stdio.args();
        StdioArguments.refused(stdio.command(), args, deniedArguments).ifPresent(refused -> errors.add(new FieldError(
                "transport.args[" + refused.index() + "]", "is refused for " + stdio.command() + ": " + refused.flag()
                + " would run code given inline rather than an installed server")));
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i) != null && UrlCredentials.inArgument(args.get(i))) {
                errors.add(new FieldError("transport.args[" + i + "]",
                        "carries credentials in a URL, and arguments are stored and shown in clear; pass them in env,"
                                + " which is sealed and masked"));
            }
        }
    }

    private void checkUrl(String field, String url, Set<String> schemes, Set<String> alreadyInvalid, List<FieldError> errors) {
        if (url == null || alreadyInvalid.contains(field)) {
            return;
        }
        UrlCredentials.inUrl(url).ifPresent(credential -> errors.add(new FieldError(field, credential + SEAL_IT)));
        try {
            urls.check(field, url, schemes);
        } catch (ApiException refused) {
            errors.addAll(refused.errors());
        }
    }
}
