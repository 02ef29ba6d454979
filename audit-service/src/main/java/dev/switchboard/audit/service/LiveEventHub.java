package dev.switchboard.audit.service;

import dev.switchboard.audit.repository.AuditRow;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.UnicastProcessor;
import io.smallrye.mutiny.subscription.BackPressureFailure;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Fans newly stored events out to live streams. Each stream has a bounded buffer: a client that reads too slowly to
 * keep it from filling is dropped, and counted, rather than allowed to grow the service's memory.
 */
@ApplicationScoped
public class LiveEventHub {

    private static final Logger LOG = Logger.getLogger(LiveEventHub.class);

    /** What a stream carries: an event, or a heartbeat when {@code row} is null. */
    public record LiveItem(AuditRow row) {
        static final LiveItem HEARTBEAT = new LiveItem(null);

        public boolean isHeartbeat() {
            return row == null;
        }
    }

    private final Set<Stream> streams = ConcurrentHashMap.newKeySet();
    private final int bufferSize;
    private final Counter dropped;

    public LiveEventHub(@ConfigProperty(name = "switchboard.audit.sse.buffer-size", defaultValue = "1000") int bufferSize,
                        MeterRegistry metrics) {
        this.bufferSize = bufferSize;
        this.dropped = metrics.counter("switchboard.audit.sse.dropped");
        metrics.gauge("switchboard.audit.sse.clients", streams, Set::size);
    }

    /**
     * Starts buffering the events that match {@code filter} at once, so that nothing arriving while a replay is read
     * is missed; the returned stream delivers them when subscribed.
     */
    public Multi<LiveItem> open(LiveFilter filter) {
        Queue<LiveItem> buffer = new ArrayBlockingQueue<>(bufferSize);
        Stream stream = new Stream(filter, UnicastProcessor.create(buffer, null));
        streams.add(stream);
        return stream.processor
                .onFailure(BackPressureFailure.class).invoke(() -> {
                    dropped.increment();
                    LOG.info("Dropped a live event stream whose client could not keep up");
                })
                .onFailure(BackPressureFailure.class).recoverWithCompletion()
                .onTermination().invoke(() -> streams.remove(stream));
    }

    public void publish(List<AuditRow> rows) {
        if (rows.isEmpty() || streams.isEmpty()) {
            return;
        }
        for (Stream stream : streams) {
            for (AuditRow row : rows) {
                if (stream.filter.test(row)) {
                    stream.offer(new LiveItem(row));
                }
            }
        }
    }

    @Scheduled(every = "${switchboard.audit.sse.heartbeat:15s}", delayed = "${switchboard.audit.sse.heartbeat:15s}")
    void heartbeat() {
        streams.forEach(stream -> stream.offer(LiveItem.HEARTBEAT));
    }

    private record Stream(LiveFilter filter, UnicastProcessor<LiveItem> processor) {

        /** A full buffer fails the processor with a {@link BackPressureFailure}, which ends this stream. */
        void offer(LiveItem item) {
            processor.onNext(item);
        }
    }
}
