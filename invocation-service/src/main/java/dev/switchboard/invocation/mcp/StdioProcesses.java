package dev.switchboard.invocation.mcp;

import dev.switchboard.invocation.config.InvocationConfig;
import dev.switchboard.model.transport.StdioTransport;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Starts and ends the processes of stdio servers, so that none outlives its connection or the service:
 * <ul>
 * <li>each runs in a session of its own ({@code setsid}), so that it and everything it starts form one process
 *     group, which is what gets ended;</li>
 * <li>each gets {@code SIGKILL} when the service dies, even by {@code kill -9} ({@code setpriv --pdeathsig}); the
 *     kernel sends it when the thread that started the process ends, so one long-lived thread starts them all;</li>
 * <li>each is recorded in a file while it runs, and a service that starts ends the groups that a service which died
 *     without ending them left behind;</li>
 * <li>each starts from an empty environment with only its configured {@code env} and a few login variables, and,
 *     when {@code run-as} is set, as another user that can read neither the service's memory, its environment nor
 *     its files.</li>
 * </ul>
 */
@ApplicationScoped
public class StdioProcesses {

    private static final Logger LOG = Logger.getLogger(StdioProcesses.class);
    private static final List<String> LOGIN_VARIABLES = List.of("PATH", "HOME", "LOGNAME", "USER", "SHELL", "TERM");
    private static final Duration GRACE = Duration.ofSeconds(2);

    private final InvocationConfig.Stdio config;
    private final Optional<Path> setsid = executable("setsid");
    private final Optional<Path> setpriv = executable("setpriv");
    private final ExecutorService launcher = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "stdio-launcher");
        thread.setDaemon(true);
        return thread;
    });

    @Inject
    public StdioProcesses(InvocationConfig config) {
        this(config.stdio());
    }

    StdioProcesses(InvocationConfig.Stdio config) {
        this.config = config;
        if (config.confine() && (setsid.isEmpty() || setpriv.isEmpty())) {
            LOG.warn("setsid or setpriv (util-linux) is missing: stdio servers run unconfined and may outlive a killed service");
        }
    }

    /** Ends what a service that died without ending its servers left running. */
    void reapLeftovers(@Observes StartupEvent startup) {
        Path directory = config.childrenDirectory();
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (DirectoryStream<Path> records = Files.newDirectoryStream(directory)) {
            for (Path record : records) {
                ChildRecord.read(record).filter(ChildRecord::orphaned).ifPresent(orphan -> {
                    List<ProcessHandle> group = ProcessGroups.members(orphan.pid(), orphan.started());
                    if (!group.isEmpty()) {
                        LOG.warnf("Ending %d processes of stdio server %s that a previous run left behind",
                                group.size(), orphan.serverName());
                        group.forEach(ProcessHandle::destroyForcibly);
                    }
                    delete(record);
                });
            }
        } catch (IOException e) {
            LOG.warnf("Could not look for stdio servers a previous run left behind in %s: %s", directory, e.getMessage());
        }
    }

    /** Starts a server's process; its stdin, stdout and stderr are the caller's to use. */
    public Process start(String serverName, StdioTransport transport) {
        ProcessBuilder builder = new ProcessBuilder(command(transport));
        Map<String, String> environment = builder.environment();
        Map<String, String> inherited = Map.copyOf(environment);
        environment.clear();
        LOGIN_VARIABLES.stream().filter(inherited::containsKey).forEach(name -> environment.put(name, inherited.get(name)));
        config.runAs().ifPresent(user -> {
            String name = user.contains(":") ? user.substring(0, user.indexOf(':')) : user;
            environment.put("USER", name);
            environment.put("LOGNAME", name);
            environment.remove("HOME");
            config.home().ifPresent(home -> environment.put("HOME", home.toString()));
        });
        environment.putAll(transport.env());
        Process process;
        try {
            process = launcher.submit(builder::start).get();
        } catch (ExecutionException e) {
            throw new UpstreamFailure(UpstreamFailure.Kind.CONNECTION, "the server's command could not be started", null,
                    e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpstreamFailure(UpstreamFailure.Kind.CONNECTION, "interrupted while starting the server");
        }
        record(serverName, process);
        return process;
    }

    /** Ends the process and everything it started: politely first, then, after a grace period, by force. */
    public void end(Process process) {
        List<ProcessHandle> group = members(process);
        group.forEach(ProcessHandle::destroy);
        try {
            process.onExit().get(GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
        }
        group.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        forget(process);
    }

    /** Ends the process and everything it started at once, as for a server that stopped answering. */
    public void kill(Process process) {
        members(process).forEach(ProcessHandle::destroyForcibly);
        forget(process);
    }

    private List<String> command(StdioTransport transport) {
        List<String> command = new ArrayList<>();
        if (config.confine() && setsid.isPresent() && setpriv.isPresent()) {
            command.add(setsid.get().toString());
            command.add(setpriv.get().toString());
            config.runAs().ifPresent(user -> {
                String[] parts = user.split(":", 2);
                command.addAll(List.of("--reuid", parts[0], "--regid", parts.length > 1 ? parts[1] : parts[0],
                        "--clear-groups"));
            });
            command.addAll(List.of("--pdeathsig", "KILL", "--"));
        } else if (config.runAs().isPresent()) {
            throw new UpstreamFailure(UpstreamFailure.Kind.CONNECTION,
                    "stdio servers are to run as another user, but setpriv is missing");
        }
        command.add(transport.command());
        command.addAll(transport.args());
        return command;
    }

    /** The process, everything it started, and, when it leads a group of its own, every member of that group. */
    private static List<ProcessHandle> members(Process process) {
        List<ProcessHandle> members = new ArrayList<>(ProcessGroups.members(process.pid(),
                process.toHandle().info().startInstant().orElse(Instant.EPOCH)));
        process.descendants().filter(handle -> !members.contains(handle)).forEach(members::add);
        if (!members.contains(process.toHandle())) {
            members.add(process.toHandle());
        }
        return members;
    }

    private void record(String serverName, Process process) {
        try {
            Files.createDirectories(config.childrenDirectory());
            Files.writeString(recordOf(process), ChildRecord.of(serverName, process).format(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            LOG.warnf("Could not record the process of stdio server %s: %s", serverName, e.getMessage());
        }
    }

    private void forget(Process process) {
        delete(recordOf(process));
    }

    private Path recordOf(Process process) {
        return config.childrenDirectory().resolve(ProcessHandle.current().pid() + "-" + process.pid());
    }

    private static void delete(Path record) {
        try {
            Files.deleteIfExists(record);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<Path> executable(String name) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        return Stream.concat(Stream.of(path.split(File.pathSeparator)), Stream.of("/usr/bin", "/bin"))
                .map(directory -> Path.of(directory, name)).filter(Files::isExecutable).findFirst();
    }

    /** What a record says: the service that started a server's process, and the process. */
    record ChildRecord(long servicePid, Instant serviceStarted, long pid, Instant started, String serverName) {

        static ChildRecord of(String serverName, Process process) {
            ProcessHandle self = ProcessHandle.current();
            return new ChildRecord(self.pid(), self.info().startInstant().orElse(Instant.EPOCH), process.pid(),
                    process.toHandle().info().startInstant().orElse(Instant.EPOCH), serverName);
        }

        String format() {
            return servicePid + " " + serviceStarted + " " + pid + " " + started + " " + serverName + "\n";
        }

        static Optional<ChildRecord> read(Path file) {
            try {
                String[] fields = Files.readString(file, StandardCharsets.UTF_8).trim().split(" ", 5);
                return Optional.of(new ChildRecord(Long.parseLong(fields[0]), Instant.parse(fields[1]),
                        Long.parseLong(fields[2]), Instant.parse(fields[3]), fields.length > 4 ? fields[4] : "?"));
            } catch (IOException | RuntimeException e) {
                return Optional.empty();
            }
        }

        /** The service that started it no longer runs (its pid is gone, or taken by a later process). */
        boolean orphaned() {
            return ProcessHandle.of(servicePid).flatMap(handle -> handle.info().startInstant())
                    .map(start -> !start.equals(serviceStarted)).orElse(true);
        }
    }

    /** Process groups, read from /proc: a group outlives its leader, and its members may have been re-parented. */
    static final class ProcessGroups {

        private ProcessGroups() {
        }

        /** The live processes in the group that {@code leader} started, none of them older than the leader. */
        static List<ProcessHandle> members(long leader, Instant leaderStarted) {
            Path proc = Path.of("/proc");
            if (!Files.isDirectory(proc)) {
                return ProcessHandle.of(leader).stream().toList();
            }
            return ProcessHandle.allProcesses()
                    .filter(handle -> groupOf(handle.pid()) == leader)
                    .filter(handle -> !handle.info().startInstant().orElse(Instant.MAX).isBefore(leaderStarted.minusSeconds(1)))
                    .toList();
        }

        private static long groupOf(long pid) {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.UTF_8);
                // pid (comm) state ppid pgrp ...: comm may hold spaces and parentheses, so count from the last ')'.
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                return Long.parseLong(fields[2]);
            } catch (IOException | RuntimeException e) {
                return -1;
            }
        }
    }
}
