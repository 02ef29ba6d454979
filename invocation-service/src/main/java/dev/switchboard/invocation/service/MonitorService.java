package dev.switchboard.invocation.service;

import dev.switchboard.invocation.repository.ServerDirectoryRepository;
import dev.switchboard.invocation.rest.MonitorOverview;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;

@ApplicationScoped
public class MonitorService {

    private final ServerDirectoryRepository directory;
    private Instant startedAt = Instant.now();

    public MonitorService(ServerDirectoryRepository directory) {
        this.directory = directory;
    }

    void started(@Observes StartupEvent startup) {
        startedAt = Instant.now();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public MonitorOverview overview() {
        return new MonitorOverview(directory.countLive(), directory.countEnabled(), startedAt,
                Duration.between(startedAt, Instant.now()).toSeconds());
    }
}
