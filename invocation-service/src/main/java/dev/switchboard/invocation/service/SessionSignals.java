package dev.switchboard.invocation.service;

import dev.switchboard.invocation.config.InvocationConfig;
import dev.switchboard.invocation.repository.SessionSignalRepository;
import dev.switchboard.invocation.repository.SessionSignalRepository.Signal;
import dev.switchboard.invocation.repository.SessionSignalRepository.Stored;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * What one replica's {@code /mcp} is told about a session, for every replica: a client's next request, its
 * cancellation or its {@code DELETE} may land on another replica than the one that holds its call or its stream.
 * A signal is written to the invocation service's database and read back by every replica, this one included, within
 * {@code switchboard.invocation.mcp.signal-interval}; each is fired as a CDI event for whoever keeps that state.
 */
@ApplicationScoped
public class SessionSignals {

    private static final Logger LOG = Logger.getLogger(SessionSignals.class);
    private static final int BATCH = 1000;

    private final SessionSignalRepository repository;
    private final Event<Signal> fired;
    private final long intervalMillis;
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "mcp-session-signals");
        thread.setDaemon(true);
        return thread;
    });
    private long lastRead;
    private Instant nextPurge = Instant.EPOCH;
    /** Whether the last read failed, so that an outage is logged once rather than each interval. */
    private boolean unreadable;

    public SessionSignals(SessionSignalRepository repository, Event<Signal> fired, InvocationConfig config) {
        this.repository = repository;
        this.fired = fired;
        this.intervalMillis = config.mcp().signalInterval().toMillis();
    }

    /** The name a session goes by in signals: its id is a credential, so it is not written down. */
    public static String fingerprint(String sessionId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(sessionId.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Writes the signal off the caller's thread, which may be an event loop; a failed write is logged. */
    public void send(Signal signal) {
        worker.execute(() -> {
            try {
                repository.add(signal);
            } catch (SQLException e) {
                LOG.warnf("A session signal (%s) reaches only this replica: %s", signal.kind(), e.getMessage());
            }
        });
    }

    void start(@Observes StartupEvent started) {
        worker.scheduleWithFixedDelay(this::readNew, 0, intervalMillis, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent stopping) {
        worker.shutdownNow();
    }

    private void readNew() {
        try {
            Instant now = Instant.now();
            List<Stored> read;
            do {
                read = repository.after(lastRead, now, BATCH);
                for (Stored stored : read) {
                    fired.fire(stored.signal());
                    lastRead = stored.id();
                }
            } while (read.size() == BATCH);
            if (now.isAfter(nextPurge)) {
                repository.purgeExpired(now);
                nextPurge = now.plusSeconds(60);
            }
            if (unreadable) {
                LOG.info("Session signals of other replicas are read again");
                unreadable = false;
            }
        } catch (SQLException | RuntimeException e) {
            if (!unreadable) {
                LOG.warnf("Session signals of other replicas cannot be read; trying each interval: %s", e.getMessage());
                unreadable = true;
            }
        }
    }
}
