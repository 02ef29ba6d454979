package dev.switchboard.audit.service;

import dev.switchboard.audit.service.LiveEventHub.LiveItem;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Flow;

/**
 * One client's live stream: items wait in a bounded queue until the client asks for them. When the queue is full
 * the stream ends at once, without delivering what is queued, so that a client that stopped reading costs no more
 * memory than its buffer. It takes one subscriber; the hub offers items from any thread.
 */
final class BoundedLiveStream implements Flow.Publisher<LiveItem>, Flow.Subscription {

    private final LiveFilter filter;
    private final String keyId;
    private final Instant expiresAt;
    private final int capacity;
    private final Runnable onOverflow;
    private final Runnable onEnd;
    private final Queue<LiveItem> queue = new ArrayDeque<>();
    private Flow.Subscriber<? super LiveItem> subscriber;
    private long requested;
    private boolean ended;

    /**
     * @param keyId     the key whose credentials opened it; the stream ends when the key is revoked
     * @param expiresAt when those credentials stop working, when the stream ends too; null for no known end
     */
    BoundedLiveStream(LiveFilter filter, String keyId, Instant expiresAt, int capacity, Runnable onOverflow, Runnable onEnd) {
        this.filter = filter;
        this.keyId = keyId;
        this.expiresAt = expiresAt;
        this.capacity = capacity;
        this.onOverflow = onOverflow;
        this.onEnd = onEnd;
    }

    LiveFilter filter() {
        return filter;
    }

    String keyId() {
        return keyId;
    }

    boolean expiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    @Override
    public synchronized void subscribe(Flow.Subscriber<? super LiveItem> subscriber) {
        if (this.subscriber != null) {
            throw new IllegalStateException("A live stream has one subscriber");
        }
        this.subscriber = subscriber;
        subscriber.onSubscribe(this);
        drain();
    }

    synchronized void offer(LiveItem item) {
        if (ended) {
            return;
        }
        if (queue.size() >= capacity) {
            end();
            onOverflow.run();
            if (subscriber != null) {
                subscriber.onComplete();
            }
            return;
        }
        queue.add(item);
        drain();
    }

    /** Ends the stream now: the client sees it close, as when its buffer overflows. */
    synchronized void close() {
        if (ended) {
            return;
        }
        end();
        if (subscriber != null) {
            subscriber.onComplete();
        }
    }

    @Override
    public synchronized void request(long n) {
        if (n <= 0) {
            return;
        }
        requested = requested + n < 0 ? Long.MAX_VALUE : requested + n;
        drain();
    }

    @Override
    public synchronized void cancel() {
        end();
    }

    private void drain() {
        while (!ended && subscriber != null && requested > 0 && !queue.isEmpty()) {
            requested--;
            subscriber.onNext(queue.poll());
        }
    }

    private void end() {
        if (!ended) {
            ended = true;
            queue.clear();
            onEnd.run();
        }
    }
}
