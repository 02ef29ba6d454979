package dev.switchboard.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** A live {@code /api/events} stream read as a browser's EventSource would: its lines, and complete events. */
public final class SseStream implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    public record SseEvent(String id, String event, String data) {
    }

    private final CompletableFuture<HttpResponse<Stream<String>>> response;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private SseStream(CompletableFuture<HttpResponse<Stream<String>>> response) {
        this.response = response;
        response.thenAcceptAsync(answer -> {
            try (Stream<String> body = answer.body()) {
                body.forEach(lines::add);
            } catch (RuntimeException closed) {
                // the test closed the stream
            }
            lines.add(END);
        });
    }

    private static final String END = "\u0000end";

    /** Opens {@code url} with a bearer token, and {@code Last-Event-ID} when it is not null. */
    public static SseStream open(String url, String token, String lastEventId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "text/event-stream");
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        return new SseStream(HTTP.sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines()));
    }

    public HttpResponse<Stream<String>> response() throws Exception {
        return response.get(10, TimeUnit.SECONDS);
    }

    /** Waits for the answer's status, and for the first heartbeat comment, which says the subscription is in place. */
    public void awaitOpen() throws Exception {
        assertEquals(200, response().statusCode());
        awaitLine(line -> line.startsWith(":"), Duration.ofSeconds(10));
    }

    /** The next complete event, or null when none came within {@code timeout}. */
    public SseEvent next(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String id = null;
        String event = null;
        List<String> data = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            String line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (line == null || END.equals(line)) {
                return null;
            }
            if (line.startsWith("id:")) {
                id = line.substring(3).trim();
            } else if (line.startsWith("event:")) {
                event = line.substring(6).trim();
            } else if (line.startsWith("data:")) {
                data.add(line.substring(5).trim());
            } else if (line.isEmpty() && id != null) {
                return new SseEvent(id, event, String.join("\n", data));
            }
        }
        return null;
    }

    public boolean awaitLine(Predicate<String> matches, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            String line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (line != null && matches.test(line)) {
                return true;
            }
            if (END.equals(line)) {
                return false;
            }
        }
        return false;
    }

    /** Whether the server ended the stream within {@code timeout}. */
    public boolean awaitEnd(Duration timeout) throws InterruptedException {
        return awaitLine(END::equals, timeout);
    }

    @Override
    public void close() {
        response.thenAccept(answer -> answer.body().close());
        response.cancel(true);
    }
}
