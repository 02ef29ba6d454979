package dev.switchboard.invocation.mcp;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Why a request to an MCP server failed, in Switchboard's words: what the caller and the operator may read. The raw
 * text of the JDK, the network or the server's transport stays in the log.
 */
public class UpstreamFailure extends RuntimeException {

    /** What went wrong, which decides the answer a caller gets. */
    public enum Kind {
        /** The server answered the request with a JSON-RPC error. */
        ERROR_RESPONSE,
        /** The server did not answer within the timeout. */
        TIMEOUT,
        /** The connection was lost, refused, or the server answered at the HTTP level with a failure. */
        CONNECTION,
        /** The server's answer was larger than the configured limit. */
        TOO_LARGE,
        /** The outbound URL policy refused the address the server's name resolved to. */
        REFUSED_ADDRESS
    }

    private final Kind kind;
    private final Integer errorCode;

    public UpstreamFailure(Kind kind, String message) {
        this(kind, message, null, null);
    }

    public UpstreamFailure(Kind kind, String message, Integer errorCode, Throwable cause) {
        super(message, cause, false, false);
        this.kind = kind;
        this.errorCode = errorCode;
    }

    /**
     * The failure behind a failed stage, unwrapped from the {@link CompletionException} or
     * {@link ExecutionException} around it; anything that is not one already becomes one of {@code kind}.
     */
    public static UpstreamFailure of(Throwable failure, Kind kind, String message) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause instanceof UpstreamFailure upstream ? upstream : new UpstreamFailure(kind, message, null, cause);
    }

    public Kind kind() {
        return kind;
    }

    /** The JSON-RPC error code, for {@link Kind#ERROR_RESPONSE}. */
    public Integer errorCode() {
        return errorCode;
    }
}
