package dev.switchboard.localstack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Finds free loopback ports for parts that must know their port before they bind it. They are taken below Linux's
 * default ephemeral range (32768–60999), from which the kernel picks the source port of every outgoing connection: a
 * port from that range, free when found, can become a client's source port before its own server binds it (a launcher
 * test once found its invocation port so taken). No port is handed out twice by one process.
 */
public final class FreePorts {

    private static final int LOWEST = 20000;
    private static final int HIGHEST = 32767;
    private static final int ATTEMPTS = 10_000;
    private static final Set<Integer> ISSUED = new HashSet<>();

    private FreePorts() {
    }

    public static int find() {
        return distinct(1).get(0);
    }

    /** {@code count} different ports, each free when found. */
    public static synchronized List<Integer> distinct(int count) {
        List<Integer> found = new ArrayList<>();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int attempt = 0; found.size() < count && attempt < ATTEMPTS; attempt++) {
            int port = random.nextInt(LOWEST, HIGHEST + 1);
            if (!ISSUED.contains(port) && !isTaken(port)) {
                ISSUED.add(port);
                found.add(port);
            }
        }
        if (found.size() < count) {
            throw new IllegalStateException("No " + count + " free ports on loopback between " + LOWEST + " and " + HIGHEST);
        }
        return found;
    }

    /** Whether something already listens on {@code port} on loopback. */
    public static boolean isTaken(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }
}
