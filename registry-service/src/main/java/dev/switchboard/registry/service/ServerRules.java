package dev.switchboard.registry.service;

import dev.switchboard.model.api.FieldError;
import dev.switchboard.model.transport.TransportConfig;
import dev.switchboard.platform.error.ApiException;
import dev.switchboard.platform.error.ProblemMapping;
import dev.switchboard.platform.net.TransportRules;
import dev.switchboard.platform.security.Caller;
import dev.switchboard.registry.api.ServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Everything a server definition must satisfy before it is stored, reported together: the shape of every field,
 * the stdio allow-list and where URLs may point. Who may write stdio servers at all is a 403, not a field error.
 */
@ApplicationScoped
public class ServerRules {

    private final Validator validator;
    private final TransportRules transports;

    public ServerRules(Validator validator, TransportRules transports) {
        this.validator = validator;
        this.transports = transports;
    }

    /** @param current the stored transport when the server exists, whose being stdio also needs an admin */
    public void check(ServerRequest request, TransportConfig current, Caller caller) {
        transports.requireMayUse(request.transport(), current, caller);
        List<FieldError> errors = new ArrayList<>(ProblemMapping.fieldErrors(validator.validate(request)));
        Set<String> invalid = errors.stream().map(FieldError::field).collect(Collectors.toSet());
        errors.addAll(transports.check(request.transport(), request.auth(), invalid));
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors.stream()
                    .sorted(Comparator.comparing(FieldError::field).thenComparing(FieldError::message)).toList());
        }
    }
}
