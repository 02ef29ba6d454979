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
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where Switchboard may be told to connect (DESIGN §4): stdio commands run on the invocation pods, so only admins
 * may name one and only from the allow-list; URLs may not point inside. The registry applies this to what it stores,
 * the invocation service to the unsaved configurations it tests.
 */
@ApplicationScoped
public class TransportRules {

    private static final Set<String> HTTP = Set.of("http", "https");
    private static final Set<String> WS = Set.of("ws", "wss");

    private final OutboundUrlPolicy urls;
    private final List<String> allowedCommands;

    public TransportRules(OutboundUrlPolicy urls,
                          @ConfigProperty(name = "switchboard.stdio.allowed-commands") List<String> allowedCommands) {
        this.urls = urls;
        this.allowedCommands = List.copyOf(allowedCommands);
    }

    /** A 403 unless the caller may write a server that is, or was, reached over stdio. */
    public void requireMayUse(TransportConfig transport, TransportConfig current, Caller caller) {
        if (!caller.isAdmin() && (transport instanceof StdioTransport || current instanceof StdioTransport)) {
            throw ApiException.forbidden("stdio servers run commands on Switchboard's pods; only admins create or change them");
        }
    }

    /**
     * @param alreadyInvalid fields that failed their shape checks, whose destination is not checked as well
     * @return one error per refused command or URL
     */
    public List<FieldError> check(TransportConfig transport, UpstreamAuth auth, Set<String> alreadyInvalid) {
        List<FieldError> errors = new ArrayList<>();
        if (transport instanceof StdioTransport stdio && stdio.command() != null && !stdio.command().isBlank()
                && !allowedCommands.contains(stdio.command())) {
            errors.add(new FieldError("transport.command", "is not on the allow-list: " + String.join(", ", allowedCommands)));
        }
        if (transport instanceof SseTransport sse) {
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

    private void checkUrl(String field, String url, Set<String> schemes, Set<String> alreadyInvalid, List<FieldError> errors) {
        if (url == null || alreadyInvalid.contains(field)) {
            return;
        }
        try {
            urls.check(field, url, schemes);
        } catch (ApiException refused) {
            errors.addAll(refused.errors());
        }
    }
}
