package dev.switchboard.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.localstack.FreePorts;
import dev.switchboard.testsupport.TestFiles;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code bin/switchboard} as a newcomer runs it, against the jars this build packaged, on ports and a state directory
 * of its own so that it never meets a stack a developer runs: a port already taken, a start that fails halfway, then
 * up, demo and down. The steps build on each other, so they run in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LauncherIT {

    private static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();
    private static final Path LAUNCHER = ROOT.resolve("bin/switchboard");
    private static final Path STATE = Path.of("target/launcher-state").toAbsolutePath();
    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(6);
    private static final List<String> SERVICES = List.of("registry", "invocation", "audit", "webhook");
    private static final Map<String, Integer> PORTS = new LinkedHashMap<>();

    /** A command's exit code and everything it printed, standard error included. */
    record Run(int exitCode, String output) {
    }

    @BeforeAll
    static void portsAndStateOfItsOwn() throws IOException {
        assertTrue(Files.isExecutable(LAUNCHER), "no launcher at " + LAUNCHER);
        TestFiles.deleteTree(STATE);
        List<String> names = new ArrayList<>(List.of("POSTGRES", "KAFKA", "KAFKA_CONTROLLER"));
        SERVICES.forEach(service -> {
            names.add(service.toUpperCase());
            names.add(service.toUpperCase() + "_MANAGEMENT");
        });
        List<Integer> ports = FreePorts.distinct(names.size());
        for (int i = 0; i < names.size(); i++) {
            PORTS.put(names.get(i), ports.get(i));
        }
    }

    @AfterAll
    static void stopWhateverIsLeft() throws Exception {
        launcher(Map.of(), "down");
    }

    @Test
    @Order(1)
    void refusesToStartWhenAPortItNeedsIsTakenAndStartsNothing() throws Exception {
        int registryPort = PORTS.get("REGISTRY");
        try (ServerSocket squatter = new ServerSocket(registryPort, 1, InetAddress.getLoopbackAddress())) {
            Run up = launcher(Map.of(), "up");

            assertNotEquals(0, up.exitCode(), up.output());
            assertTrue(up.output().contains(registryPort + " (registry-service)"), up.output());
        }
        try (Stream<Path> pids = Files.exists(STATE.resolve("run")) ? Files.list(STATE.resolve("run")) : Stream.empty()) {
            assertEquals(List.of(), pids.filter(file -> file.toString().endsWith(".pid")).toList(), "nothing was started");
        }
    }

    @Test
    @Order(2)
    void stopsWhatItStartedWhenAServiceFailsToStartAndSaysWhere() throws Exception {
        Run up = launcher(Map.of("SWITCHBOARD_DATA_PLANE_JVM_OPTS", "-XX:+NoSuchFlagForTheLauncherTest"), "up");

        assertNotEquals(0, up.exitCode(), up.output());
        assertTrue(up.output().contains("invocation-service stopped while starting; see "
                + STATE.resolve("logs/invocation.log")), up.output());
        assertTrue(up.output().contains("stopping what this run started: stack registry invocation"), up.output());
        for (String port : List.of("POSTGRES", "KAFKA", "REGISTRY", "REGISTRY_MANAGEMENT")) {
            assertFalse(listening(PORTS.get(port)), port + " is still served after the failed start");
        }
    }

    @Test
    @Order(3)
    void startsEverythingOnItsPortsAndSaysWhichJarIsOlderThanItsSources() throws Exception {
        Path source = ROOT.resolve("registry-service/src/main/resources/application.properties");
        FileTime unchanged = Files.getLastModifiedTime(source);
        FileTime jarBuilt = Files.getLastModifiedTime(ROOT.resolve("registry-service/target/quarkus-app/quarkus-run.jar"));
        Files.setLastModifiedTime(source, FileTime.fromMillis(jarBuilt.toMillis() + 2_000));
        Run up;
        try {
            up = launcher(Map.of(), "up");
        } finally {
            Files.setLastModifiedTime(source, unchanged);
        }

        assertEquals(0, up.exitCode(), up.output());
        assertTrue(Pattern.compile("SKIPPED: [a-z -]*\\bregistry\\b[a-z -]* older than their sources").matcher(up.output())
                .find(), up.output());
        for (String service : SERVICES) {
            int port = PORTS.get(service.toUpperCase());
            assertTrue(up.output().contains(service + "-service") && up.output().contains("UP on http://127.0.0.1:" + port),
                    up.output());
            assertTrue(listening(port), service + " does not listen on " + port);
            assertTrue(listening(PORTS.get(service.toUpperCase() + "_MANAGEMENT")));
        }
    }

    @Test
    @Order(4)
    void runsEverythingButTheInvocationServiceAtALowerPriority() throws Exception {
        assertEquals(0, niceness(recordedPid("invocation")), "the invocation service carries every tool call");
        for (String component : List.of("stack", "registry", "audit", "webhook")) {
            assertEquals(10, niceness(recordedPid(component)), component);
        }
        long postgres = Long.parseLong(Files.readAllLines(STATE.resolve("postgres/postmaster.pid")).get(0).trim());
        assertEquals(10, niceness(postgres), "PostgreSQL, started by the local stack");
    }

    @Test
    @Order(5)
    void takesOneCallThroughRegistryInvocationAndAuditWithTheDemo() throws Exception {
        Run demo = launcher(Map.of(), "demo");

        assertEquals(0, demo.exitCode(), demo.output());
        assertTrue(demo.output().contains("2. connected"), demo.output());
        assertTrue(demo.output().contains("Echo: hello from the demo"), demo.output());
        assertTrue(demo.output().contains("4. audited") && demo.output().contains("tool.invoked of echo"), demo.output());
    }

    @Test
    @Order(6)
    void stopsExactlyWhatItStartedAndNoProcessThatOnlyReusesAPid() throws Exception {
        Map<String, Long> started = new HashMap<>();
        for (String component : List.of("stack", "registry", "invocation", "audit", "webhook")) {
            started.put(component, recordedPid(component));
        }

        Run down = launcher(Map.of(), "down");

        assertEquals(0, down.exitCode(), down.output());
        started.forEach((component, pid) -> assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false),
                component + " (pid " + pid + ") still runs"));
        PORTS.forEach((name, port) -> assertFalse(listening(port), name + " port " + port + " is still served"));

        Process bystander = new ProcessBuilder("sleep", "300").start();
        try {
            // A pid file whose process started at another time than the one recorded: the pid was reused.
            Files.writeString(STATE.resolve("run/webhook.pid"), bystander.pid() + " 1\n");
            Run again = launcher(Map.of(), "down");

            assertEquals(0, again.exitCode(), again.output());
            assertTrue(bystander.isAlive(), "down signalled a process it did not start");
            assertFalse(Files.exists(STATE.resolve("run/webhook.pid")), "the stale pid file is left behind");
        } finally {
            bystander.destroyForcibly();
        }
    }

    private static long recordedPid(String component) throws IOException {
        return Long.parseLong(Files.readString(STATE.resolve("run/" + component + ".pid")).trim().split(" ")[0]);
    }

    /** The nineteenth field of {@code /proc/<pid>/stat}, counted after the command name, which may hold spaces. */
    private static int niceness(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        return Integer.parseInt(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[16]);
    }

    private static Run launcher(Map<String, String> extra, String command) throws Exception {
        Path printed = Files.createTempFile(STATE.getParent(), "launcher-" + command, ".out");
        ProcessBuilder builder = new ProcessBuilder("bash", LAUNCHER.toString(), command).directory(ROOT.toFile())
                .redirectErrorStream(true).redirectOutput(printed.toFile());
        Map<String, String> environment = builder.environment();
        // Only what this test sets: none of the machine's own Switchboard settings.
        environment.keySet().removeIf(name -> name.startsWith("SWITCHBOARD_"));
        environment.put("SWITCHBOARD_STATE", STATE.toString());
        environment.put("SWITCHBOARD_NO_BUILD", "1");
        environment.put("SWITCHBOARD_POSTGRES_PORT", String.valueOf(PORTS.get("POSTGRES")));
        environment.put("SWITCHBOARD_KAFKA_PORT", String.valueOf(PORTS.get("KAFKA")));
        environment.put("SWITCHBOARD_KAFKA_CONTROLLER_PORT", String.valueOf(PORTS.get("KAFKA_CONTROLLER")));
        for (String service : SERVICES) {
            String name = service.toUpperCase();
            environment.put("SWITCHBOARD_" + name + "_PORT", String.valueOf(PORTS.get(name)));
            environment.put("SWITCHBOARD_" + name + "_MANAGEMENT_PORT", String.valueOf(PORTS.get(name + "_MANAGEMENT")));
        }
        environment.putAll(extra);
        Process process = builder.start();
        if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("bin/switchboard " + command + " did not end within " + COMMAND_TIMEOUT);
        }
        String output = Files.readString(printed);
        System.out.printf("--- bin/switchboard %s (exit %d)%n%s%n", command, process.exitValue(), output);
        return new Run(process.exitValue(), output);
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }
}
