package dev.switchboard.invocation.service;

import dev.switchboard.invocation.mcp.UpstreamFailure;
import dev.switchboard.model.api.ErrorCode;
import dev.switchboard.platform.error.ApiException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.jboss.logging.Logger;

/**
 * What a failed upstream call means to the caller, in Switchboard's words: 504 when it took too long, 502 for
 * anything else the server did wrong. Host names, ports and exception text stay in the log.
 */
final class UpstreamFailures {

    private static final Logger LOG = Logger.getLogger(UpstreamFailures.class);
    private static final int MAX_SERVER_MESSAGE = 300;

    private UpstreamFailures() {
    }

    /** @param wrapped what failed, possibly wrapped by the stage it failed in */
    static ApiException toProblem(Throwable wrapped, String serverName) {
        Throwable failure = unwrap(wrapped);
        if (failure instanceof ApiException api) {
            return api;
        }
        if (failure instanceof CancellationException) {
            // The caller went away or cancelled: not the server's fault, so not a failure its breaker counts.
            return new ApiException(ErrorCode.SERVICE_UNAVAILABLE, "the call to server " + serverName
                    + " was cancelled by its caller");
        }
        if (failure instanceof UpstreamFailure upstream && upstream.kind() == UpstreamFailure.Kind.TIMEOUT) {
            return new ApiException(ErrorCode.TIMEOUT, "server " + serverName + " did not answer in time");
        }
        if (failure instanceof UpstreamFailure upstream && upstream.kind() == UpstreamFailure.Kind.ERROR_RESPONSE) {
            return new ApiException(ErrorCode.UPSTREAM_ERROR, "server " + serverName + " answered an error: "
                    + abbreviate(upstream.getMessage()));
        }
        return new ApiException(ErrorCode.UPSTREAM_ERROR, "server " + serverName + " failed: " + describe(failure));
    }

    /** What failed, without the stages that wrapped it on the way. */
    static Throwable unwrap(Throwable wrapped) {
        Throwable failure = wrapped;
        while ((failure instanceof CompletionException || failure instanceof ExecutionException) && failure.getCause() != null) {
            failure = failure.getCause();
        }
        return failure;
    }

    /** A failure as a sentence for callers and operators; anything not already in our words is logged and summed up. */
    static String describe(Throwable failure) {
        if (failure instanceof UpstreamFailure || failure instanceof ApiException) {
            if (failure.getCause() != null) {
                LOG.debugf(failure.getCause(), "%s", failure.getMessage());
            }
            return failure.getMessage();
        }
        LOG.warnf(failure, "Unexpected upstream failure");
        return "the connection failed";
    }

    private static String abbreviate(String text) {
        return text.length() > MAX_SERVER_MESSAGE ? text.substring(0, MAX_SERVER_MESSAGE) + "…" : text;
    }
}
