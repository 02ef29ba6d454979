package dev.switchboard.platform.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.jboss.logging.Logger;

/**
 * A dependency (the database, the broker) checked in the background, so that a health check answers at once from the
 * last result whatever the dependency does: one that hangs makes its probe time out, and the answer is DOWN.
 */
public final class DependencyProbe {

    /** One look at the dependency; it throws when the dependency does not work. */
    @FunctionalInterface
    public interface Probe {
        void check() throws Exception;
    }

    private static final Logger LOG = Logger.getLogger(DependencyProbe.class);

    private record Result(boolean up, Instant at, String error) {
    }

    private final String name;
    private final Probe probe;
    private final Duration timeout;
    private final Duration maxAge;
    private final Clock clock;
    private volatile Result last;
    private volatile Future<?> running;

    /**
     * @param timeout how long one probe may take before it counts as failed
     * @param maxAge  how old the last success may be before the dependency counts as down
     */
    public DependencyProbe(String name, Probe probe, Duration timeout, Duration maxAge, Clock clock) {
        this.name = name;
        this.probe = probe;
        this.timeout = timeout;
        this.maxAge = maxAge;
        this.clock = clock;
        this.last = new Result(false, Instant.EPOCH, "not checked yet");
    }

    /** Runs one probe on {@code executor} and waits for it at most the timeout; a probe still running is not doubled. */
    public void probe(ExecutorService executor) {
        Future<?> previous = running;
        if (previous != null && !previous.isDone()) {
            last = new Result(false, clock.instant(), "no answer within " + timeout.toMillis() + " ms");
            return;
        }
        Future<?> current = executor.submit(() -> {
            probe.check();
            return null;
        });
        running = current;
        try {
            current.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            last = new Result(true, clock.instant(), null);
        } catch (TimeoutException e) {
            last = new Result(false, clock.instant(), "no answer within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.debugf(e, "%s check failed", name);
            last = new Result(false, clock.instant(), "the check failed");
        }
    }

    /** The last result, at once. */
    public HealthCheckResponse response() {
        Result result = last;
        boolean fresh = !result.at().plus(maxAge).isBefore(clock.instant());
        var response = HealthCheckResponse.named(name).status(result.up() && fresh);
        if (!result.up()) {
            response.withData("error", result.error());
        } else if (!fresh) {
            response.withData("error", "no successful check for " + maxAge.toSeconds() + " s");
        }
        return response.build();
    }
}
