package dev.switchboard.invocation.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.invocation.mcp.UpstreamFailure;
import dev.switchboard.model.api.ErrorCode;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** How a failed upstream call reads to the caller, and so whether the server's breaker counts it. */
class UpstreamFailuresTest {

    @Test
    void aCallItsCallerCancelledIsNotTheServersFailure() {
        assertEquals(ErrorCode.SERVICE_UNAVAILABLE,
                UpstreamFailures.toProblem(new CompletionException(new CancellationException()), "everything").code());
    }

    @Test
    void timeoutsAndErrorAnswersAreTheServers() {
        assertEquals(ErrorCode.TIMEOUT, UpstreamFailures.toProblem(
                new UpstreamFailure(UpstreamFailure.Kind.TIMEOUT, "late"), "everything").code());
        assertEquals(ErrorCode.UPSTREAM_ERROR, UpstreamFailures.toProblem(new CompletionException(
                new UpstreamFailure(UpstreamFailure.Kind.ERROR_RESPONSE, "boom", -32000, null)), "everything").code());
    }
}
