package dev.switchboard.registry.service;

import dev.switchboard.model.api.FieldError;
import dev.switchboard.model.auth.OAuth2Auth;
import dev.switchboard.model.transport.SseTransport;
import dev.switchboard.model.transport.StdioTransport;
import dev.switchboard.model.transport.StreamableHttpTransport;
import dev.switchboard.model.transport.TransportConfig;
import dev.switchboard.model.transport.WebSocketTransport;
import dev.switchboard.platform.error.ApiException;
import dev.switchboard.platform.error.ProblemMapping;
import dev.switchboard.platform.net.OutboundUrlPolicy;
import dev.switchboard.platform.security.Caller;
import dev.switchboard.registry.config.RegistryConfig;
import dev.switchboard.registry.rest.ServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Everything a server definition must satisfy before it is stored, reported together: the shape of every field,
 * the stdio allow-list and where URLs may point. Who may write stdio servers at all is a 403, not a field error.
 */
@ApplicationScoped
public class ServerRules {

    private static final Set<String> HTTP = Set.of("http", "https");
    private static final Set<String> WS = Set.of("ws", "wss");

    private final Validator validator;
    private final OutboundUrlPolicy urls;
    private final List<String> allowedCommands;

    public ServerRules(Validator validator, OutboundUrlPolicy urls, RegistryConfig config) {
        this.validator = validator;
        this.urls = urls;
        this.allowedCommands = List.copyOf(config.stdio().allowedCommands());
    }

    /** @param current the stored transport when the server exists, whose being stdio also needs an admin */
    public void check(ServerRequest request, TransportConfig current, Caller caller) {
        if (!caller.isAdmin() && (request.transport() instanceof StdioTransport || current instanceof StdioTransport)) {
            throw ApiException.forbidden("stdio servers run commands on Switchboard's pods; only admins create or change them");
        }
        List<FieldError> errors = new ArrayList<>(ProblemMapping.fieldErrors(validator.validate(request)));
        if (request.transport() instanceof StdioTransport stdio && stdio.command() != null
                && !stdio.command().isBlank() && !allowedCommands.contains(stdio.command())) {
            errors.add(new FieldError("transport.command", "is not on the allow-list: " + String.join(", ", allowedCommands)));
        }
        if (request.transport() instanceof SseTransport sse) {
            checkUrl("transport.url", sse.url(), HTTP, errors);
        } else if (request.transport() instanceof StreamableHttpTransport http) {
            checkUrl("transport.url", http.url(), HTTP, errors);
        } else if (request.transport() instanceof WebSocketTransport webSocket) {
            checkUrl("transport.url", webSocket.url(), WS, errors);
        }
        if (request.auth() instanceof OAuth2Auth oauth) {
            checkUrl("auth.tokenUrl", oauth.tokenUrl(), HTTP, errors);
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors.stream()
                    .sorted(Comparator.comparing(FieldError::field).thenComparing(FieldError::message)).toList());
        }
    }

    /** Where a URL may point is checked only once its shape is right, so that one bad URL makes one error. */
    private void checkUrl(String field, String url, Set<String> schemes, List<FieldError> errors) {
        if (url == null || errors.stream().anyMatch(error -> error.field().equals(field))) {
            return;
        }
        try {
            urls.check(field, url, schemes);
        } catch (ApiException refused) {
            errors.addAll(refused.errors());
        }
    }
}
