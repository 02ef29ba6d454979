package dev.switchboard.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the local stack as its own process for {@code bin/switchboard up}, until it is sent SIGTERM.
 *
 * <pre>java -cp "local-stack.jar:lib/*" dev.switchboard.localstack.LocalStackMain --data .switchboard [--postgres-port 5432] [--kafka-port 9092]
 *     [--controller-port 9093] [--ready-file FILE]</pre>
 *
 * Exits with 2 and a one-line reason when a port is taken, so that the launcher never waits on a stack that
 * cannot start.
 */
public final class LocalStackMain {

    static final int EXIT_PORT_TAKEN = 2;
    static final int EXIT_USAGE = 64;

    private LocalStackMain() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = parse(args);
        Path data = Path.of(options.getOrDefault("data", ".switchboard")).toAbsolutePath();
        int postgresPort = Integer.parseInt(options.getOrDefault("postgres-port", "5432"));
        int kafkaPort = Integer.parseInt(options.getOrDefault("kafka-port", "9092"));
        int controllerPort = Integer.parseInt(options.getOrDefault("controller-port", "9093"));

        List<String> taken = new ArrayList<>();
        for (Map.Entry<String, Integer> port : Map.of("PostgreSQL", postgresPort, "Kafka", kafkaPort,
                "Kafka controller", controllerPort).entrySet()) {
            if (FreePorts.isTaken(port.getValue())) {
                taken.add(port.getKey() + " port " + port.getValue());
            }
        }
        if (!taken.isEmpty()) {
            System.err.println("local-stack: cannot start, already in use: " + String.join(", ", taken)
                    + ". Stop what listens there, or set SWITCHBOARD_DB_URL and SWITCHBOARD_KAFKA_BOOTSTRAP to use it.");
            System.exit(EXIT_PORT_TAKEN);
        }

        LocalStack stack = LocalStack.start(data, postgresPort, kafkaPort, controllerPort, true);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stack.close();
            stopped.countDown();
        }, "local-stack-shutdown"));

        String summary = "postgres=" + stack.postgres().jdbcUrl("postgres") + "\nkafka=" + stack.kafka().bootstrapServers() + "\n";
        System.out.print(summary);
        if (options.containsKey("ready-file")) {
            writeAtomically(Path.of(options.get("ready-file")), summary);
        }
        stopped.await();
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                System.err.println("usage: local-stack --data DIR [--postgres-port N] [--kafka-port N]"
                        + " [--controller-port N] [--ready-file FILE]");
                System.exit(EXIT_USAGE);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }

    private static void writeAtomically(Path file, String content) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temp, content);
        Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
