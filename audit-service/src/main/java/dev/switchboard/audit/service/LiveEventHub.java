package dev.switchboard.audit.service;

import dev.switchboard.audit.config.AuditConfig;
import dev.switchboard.audit.repository.AuditRow;
import dev.switchboard.model.api.ErrorCode;
import dev.switchboard.platform.error.ApiException;
import dev.switchboard.platform.security.Caller;
import dev.switchboard.platform.security.RevokedKeys;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Fans newly stored events out to live streams. Each stream has a bounded buffer: a client that reads too slowly to
 * keep it from filling is dropped, and counted, rather than allowed to grow the service's memory. A stream lasts no
 * longer than the credentials that opened it: it ends when they expire or their key is revoked. A key may hold a few
 * streams at once, not an unbounded number.
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
    private final AuditConfig.Sse config;
    private final Counter dropped;

    public LiveEventHub(AuditConfig config, MeterRegistry metrics, RevokedKeys revokedKeys) {
        this.config = config.sse();
        this.dropped = metrics.counter("switchboard.audit.sse.dropped");
        metrics.gauge("switchboard.audit.sse.clients", streams, Set::size);
        revokedKeys.onRevoked(this::endStreamsOf);
    }

    /**
     * Starts buffering the events that match {@code filter} at once, so that nothing arriving while a replay is read
     * is missed; the returned stream delivers them when subscribed.
     *
     * @throws ApiException 429 when the caller's key holds as many streams as it may
     */
    public synchronized Multi<LiveItem> open(LiveFilter filter, Caller caller) {
        long open = streams.stream().filter(stream -> Objects.equals(stream.keyId(), caller.keyId())).count();
        if (open >= config.maxStreamsPerKey()) {
            throw new ApiException(ErrorCode.RATE_LIMITED, "this key holds " + open + " live streams already, the most it"
                    + " may; close one first", List.of(), Map.of("Retry-After", "5"));
        }
        BoundedLiveStream[] self = new BoundedLiveStream[1];
        self[0] = new BoundedLiveStream(filter, caller.keyId(), caller.expiresAt(), config.bufferSize(), () -> {
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

    /** Heartbeats keep proxies from closing idle streams; a stream whose credentials expired ends instead. */
    @Scheduled(every = "${switchboard.audit.sse.heartbeat}", delayed = "${switchboard.audit.sse.heartbeat}")
    void heartbeat() {
        Instant now = Instant.now();
        streams.forEach(stream -> {
            if (stream.expiredAt(now)) {
                stream.close();
            } else {
                stream.offer(LiveItem.HEARTBEAT);
            }
        });
    }

    private void endStreamsOf(String keyId) {
        streams.stream().filter(stream -> keyId.equals(stream.keyId())).forEach(BoundedLiveStream::close);
    }
}
