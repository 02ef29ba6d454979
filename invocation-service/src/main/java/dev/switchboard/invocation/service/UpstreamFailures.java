package dev.switchboard.invocation.service;

import dev.switchboard.model.api.ErrorCode;
import dev.switchboard.platform.error.ApiException;
import io.modelcontextprotocol.spec.McpError;
import java.util.concurrent.TimeoutException;

/** What a failed upstream call means to the caller: 504 when it took too long, 502 for anything else it did wrong. */
final class UpstreamFailures {

    private UpstreamFailures() {
    }

    static ApiException toProblem(RuntimeException failure, String serverName) {
        if (failure instanceof ApiException api) {
            return api;
        }
        if (isTimeout(failure)) {
            return new ApiException(ErrorCode.TIMEOUT, "server " + serverName + " did not answer in time");
        }
        Throwable root = McpError.findRootCause(failure);
        String reason = failure instanceof McpError mcp && mcp.getJsonRpcError() != null
                ? mcp.getJsonRpcError().message() : ConnectionManager.describe(root);
        return new ApiException(ErrorCode.UPSTREAM_ERROR, "server " + serverName + " failed: " + reason);
    }

    static boolean isTimeout(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof TimeoutException
                    || (cause.getMessage() != null && cause.getMessage().startsWith("Timeout on blocking read"))) {
                return true;
            }
        }
        return false;
    }
}
