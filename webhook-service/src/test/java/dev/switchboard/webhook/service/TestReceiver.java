package dev.switchboard.webhook.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.testsupport.TestJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The Standard Webhooks receiver of {@code src/test/receiver}, run as its own process, its requests read as they come:
 * each with its {@code webhook-id}, whether its signature verified and the status it was answered.
 */
record TestReceiver(Process process, List<JsonNode> lines) implements AutoCloseable {

    private static final Path RECEIVER = Path.of("src/test/receiver").toAbsolutePath();

    /** Listens on {@code port}, answers 204 after {@code delayMs}, and verifies with {@code secret}. */
    static TestReceiver start(int port, String secret, int delayMs) throws IOException {
        return start(port, secret, 0, delayMs);
    }

    /** The same, with the first {@code failures} requests answered 503 and {@code Retry-After: 1}. */
    static TestReceiver start(int port, String secret, int failures, int delayMs) throws IOException {
        Process process = new ProcessBuilder("node", "receiver.mjs", String.valueOf(port), secret,
                String.valueOf(failures), String.valueOf(delayMs)).directory(RECEIVER.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        TestReceiver receiver = new TestReceiver(process, Collections.synchronizedList(new ArrayList<>()));
        BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        if (!"listening".equals(output.readLine())) {
            process.destroyForcibly();
            throw new IllegalStateException("the receiver did not start on port " + port);
        }
        Thread reader = new Thread(() -> {
            try {
                for (String line = output.readLine(); line != null; line = output.readLine()) {
                    receiver.lines.add(TestJson.MAPPER.readTree(line));
                }
            } catch (IOException ended) {
                // The receiver was stopped.
            }
        }, "receiver-output");
        reader.setDaemon(true);
        reader.start();
        return receiver;
    }

    List<JsonNode> requests() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /** The webhook-ids answered with success: what a receiver deduplicating on them has processed. */
    Set<String> acknowledged() {
        Set<String> ids = new HashSet<>();
        requests().stream().filter(request -> request.path("status").asInt() == 204)
                .forEach(request -> ids.add(request.path("id").asText()));
        return ids;
    }

    /** How many requests carried a webhook-id that an earlier request had carried already. */
    int repeated() {
        List<JsonNode> requests = requests();
        return requests.size() - new HashSet<>(requests.stream().map(request -> request.path("id").asText()).toList()).size();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            process.destroyForcibly();
        }
    }
}
