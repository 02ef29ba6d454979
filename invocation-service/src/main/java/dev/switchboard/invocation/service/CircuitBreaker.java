package dev.switchboard.invocation.service;

import java.util.function.LongSupplier;

/**
 * One server's circuit, as MicroProfile Fault Tolerance defines one. Closed, it keeps the outcomes of the last
 * {@code requestVolumeThreshold} calls and opens once that window is full and at least {@code failureRatio} of it
 * failed. Open, it refuses every call until {@code delay} has passed. Half-open, it lets {@code successThreshold} trial
 * calls through: it closes when they all succeed, and opens again at the first that fails.
 * <p>
 * Ours rather than SmallRye Fault Tolerance's {@code Guard}: that one hands every asynchronous completion to another
 * event-loop task, capturing and restoring the caller's context, which cost about 4% of the invocation service's CPU
 * under load for what is here a few counters behind one lock.
 */
final class CircuitBreaker {

    enum State { CLOSED, OPEN, HALF_OPEN }

    /** Told of each change of state, outside the breaker's lock. */
    interface Listener {
        void changed(State from, State to);
    }

    private final boolean[] window;
    private final int failuresToOpen;
    private final long delayNanos;
    private final int successThreshold;
    private final LongSupplier nanoTime;
    private final Listener listener;

    private State state = State.CLOSED;
    private int recorded;
    private int nextSlot;
    private int failuresInWindow;
    private long openedAt;
    private int trialsLetThrough;
    private int trialSuccesses;

    CircuitBreaker(double failureRatio, int requestVolumeThreshold, long delayNanos, int successThreshold,
                   LongSupplier nanoTime, Listener listener) {
        this.window = new boolean[requestVolumeThreshold];
        this.failuresToOpen = Math.max(1, (int) Math.ceil(failureRatio * requestVolumeThreshold));
        this.delayNanos = delayNanos;
        this.successThreshold = successThreshold;
        this.nanoTime = nanoTime;
        this.listener = listener;
    }

    /** Whether a call may go to the server now; a call let through must then be {@linkplain #completed completed}. */
    boolean allows() {
        State before;
        State after;
        boolean allowed;
        synchronized (this) {
            before = state;
            if (state == State.OPEN && nanoTime.getAsLong() - openedAt >= delayNanos) {
                moveTo(State.HALF_OPEN);
            }
            allowed = switch (state) {
                case CLOSED -> true;
                case OPEN -> false;
                case HALF_OPEN -> letTrialThrough();
            };
            after = state;
        }
        tell(before, after);
        return allowed;
    }

    /** Counts a call that was let through: {@code failed} when the server failed it. */
    void completed(boolean failed) {
        State before;
        State after;
        synchronized (this) {
            before = state;
            switch (state) {
                case CLOSED -> recordInWindow(failed);
                case HALF_OPEN -> recordTrial(failed);
                case OPEN -> {
                    // A call let through before the circuit opened: the server has already been judged.
                }
            }
            after = state;
        }
        tell(before, after);
    }

    synchronized State state() {
        return state;
    }

    private void recordInWindow(boolean failed) {
        if (recorded == window.length && window[nextSlot]) {
            failuresInWindow--;
        }
        window[nextSlot] = failed;
        nextSlot = (nextSlot + 1) % window.length;
        recorded = Math.min(recorded + 1, window.length);
        if (failed) {
            failuresInWindow++;
        }
        if (recorded == window.length && failuresInWindow >= failuresToOpen) {
            open();
        }
    }

    private void recordTrial(boolean failed) {
        if (failed) {
            open();
        } else if (++trialSuccesses == successThreshold) {
            recorded = 0;
            nextSlot = 0;
            failuresInWindow = 0;
            moveTo(State.CLOSED);
        }
    }

    private boolean letTrialThrough() {
        if (trialsLetThrough == successThreshold) {
            return false;
        }
        trialsLetThrough++;
        return true;
    }

    private void tell(State before, State after) {
        if (before != after) {
            listener.changed(before, after);
        }
    }

    private void open() {
        openedAt = nanoTime.getAsLong();
        moveTo(State.OPEN);
    }

    private void moveTo(State next) {
        state = next;
        trialsLetThrough = 0;
        trialSuccesses = 0;
    }
}
