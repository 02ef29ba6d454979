package dev.switchboard.invocation.mcp;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Fails a future with a {@link TimeoutException} when it is not complete in time, as
 * {@link CompletableFuture#orTimeout} does. Asked on an event loop, the deadline is a timer of that event loop: the
 * JDK's own deadlines live on one shared scheduler thread, which every call woke to set its deadline and again to
 * drop it, a thread switch per call on the gateway's hot path.
 */
final class Deadlines {

    private Deadlines() {
    }

    static <T> CompletableFuture<T> within(CompletableFuture<T> future, Duration timeout) {
        Context eventLoop = Vertx.currentContext();
        if (eventLoop == null || !Context.isOnEventLoopThread()) {
            return future.orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS);
        }
        Vertx vertx = eventLoop.owner();
        long timer = vertx.setTimer(Math.max(1, timeout.toMillis()),
                fired -> future.completeExceptionally(new TimeoutException()));
        future.whenComplete((result, failure) -> vertx.cancelTimer(timer));
        return future;
    }
}
