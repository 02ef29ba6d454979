package dev.switchboard.audit.service;

import dev.switchboard.audit.repository.AuditRow;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;
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

    private final Set<BoundedLiveStream> streams = ConcurrentHashMap.newKeySet();
    private final int bufferSize;
    private final Counter dropped;

    public LiveEventHub(@ConfigProperty(name = "switchboard.audit.sse.buffer-size") int bufferSize,
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
        BoundedLiveStream[] self = new BoundedLiveStream[1];
        self[0] = new BoundedLiveStream(filter, bufferSize, () -> {
            dropped.increment();
            LOG.info("Dropped a live event stream whose client could not keep up");
        }, () -> streams.remove(self[0]));
        streams.add(self[0]);
        return Multi.createFrom().publisher(self[0]);
    }

    public void publish(List<AuditRow> rows) {
        if (rows.isEmpty() || streams.isEmpty()) {
            return;
        }
        for (BoundedLiveStream stream : streams) {
            try {
                for (AuditRow row : rows) {
                    if (stream.filter().test(row)) {
                        stream.offer(new LiveItem(row));
                    }
                }
            } catch (RuntimeException e) {
                // A stream is a reader's view; what goes wrong with one never reaches storage or the other streams.
                LOG.warnf(e, "Dropping a live event stream that failed");
                stream.close();
            }
        }
    }

    @Scheduled(every = "${switchboard.audit.sse.heartbeat}", delayed = "${switchboard.audit.sse.heartbeat}")
    void heartbeat() {
        streams.forEach(stream -> stream.offer(LiveItem.HEARTBEAT));
    }
}
