package dev.switchboard.invocation.client;

import dev.switchboard.model.api.ErrorCode;
import dev.switchboard.platform.error.ApiException;

/**
 * The registry could not be asked: down, unreachable, or refusing this service's key. A caller who needed it gets a
 * 503; background work keeps what it has and tries again.
 */
public class RegistryUnavailableException extends ApiException {

    public RegistryUnavailableException(String message, Throwable cause) {
        super(ErrorCode.SERVICE_UNAVAILABLE, cause == null || cause.getMessage() == null ? message : message + ": " + cause.getMessage());
    }
}
