package dev.switchboard.webhook.client;

import dev.switchboard.platform.net.OutboundUrlPolicy;
import dev.switchboard.webhook.config.WebhookConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * POSTs a delivery to its receiver. The receiver's host is resolved and checked against the outbound URL policy for
 * every delivery, and the connection goes to that checked address (no second lookup for DNS rebinding to answer);
 * redirects are not followed and only the first KiB of an answer is read.
 */
@ApplicationScoped
public class WebhookSender {

    /** What came back: a status (or none, with the reason), the start of the body, and {@code Retry-After}. */
    public record Answer(Integer status, String excerpt, Duration retryAfter, String error) {
    }

    static final int EXCERPT_BYTES = 1024;

    private final OutboundUrlPolicy policy;
    private final HttpClient http;
    private final Vertx vertx;
    private final long responseTimeoutMs;

    public WebhookSender(Vertx vertx, OutboundUrlPolicy policy, WebhookConfig config) {
        this.vertx = vertx;
        this.policy = policy;
        this.responseTimeoutMs = config.responseTimeout().toMillis();
        this.http = vertx.createHttpClient(new HttpClientOptions()
                        .setConnectTimeout((int) config.connectTimeout().toMillis())
                        .setKeepAlive(true)
                        .setTcpNoDelay(true)
                        .setVerifyHost(true)
                        .setForceSni(true)
                        .setMaxRedirects(0),
                new PoolOptions().setHttp1MaxSize(16));
    }

    public CompletionStage<Answer> post(String url, Map<String, String> headers, String body) {
        URI uri = URI.create(url);
        boolean ssl = "https".equalsIgnoreCase(uri.getScheme());
        int port = uri.getPort() > 0 ? uri.getPort() : ssl ? 443 : 80;
        String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        return vertx.<InetAddress>executeBlocking(() -> policy.resolve(uri.getHost()).get(0), false)
                .compose(address -> {
                    RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST)
                            .setServer(SocketAddress.inetSocketAddress(port, address.getHostAddress()))
                            .setHost(uri.getHost()).setPort(port).setSsl(ssl).setURI(path)
                            .setFollowRedirects(false).setIdleTimeout(responseTimeoutMs);
                    headers.forEach(options::putHeader);
                    return http.request(options);
                })
                .compose(request -> request.send(Buffer.buffer(body)))
                .compose(WebhookSender::answer)
                .toCompletionStage()
                .exceptionally(failure -> new Answer(null, null, null, reason(failure)));
    }

    private static Future<Answer> answer(HttpClientResponse response) {
        Buffer start = Buffer.buffer();
        Promise<Answer> read = Promise.promise();
        response.handler(chunk -> {
            if (start.length() < EXCERPT_BYTES) {
                start.appendBuffer(chunk, 0, Math.min(chunk.length(), EXCERPT_BYTES - start.length()));
            }
            if (start.length() >= EXCERPT_BYTES) {
                response.request().reset();
                read.tryComplete(new Answer(response.statusCode(), start.toString(StandardCharsets.UTF_8),
                        retryAfter(response.getHeader("Retry-After")), null));
            }
        });
        response.exceptionHandler(failure -> read.tryComplete(new Answer(response.statusCode(),
                start.toString(StandardCharsets.UTF_8), retryAfter(response.getHeader("Retry-After")), null)));
        response.endHandler(done -> read.tryComplete(new Answer(response.statusCode(), start.toString(StandardCharsets.UTF_8),
                retryAfter(response.getHeader("Retry-After")), null)));
        return read.future();
    }

    /** Seconds only; an HTTP date is rare from webhook receivers and is ignored. */
    static Duration retryAfter(String header) {
        if (header == null) {
            return null;
        }
        try {
            long seconds = Long.parseLong(header.strip());
            return seconds < 0 ? null : Duration.ofSeconds(Math.min(seconds, Duration.ofDays(1).toSeconds()));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String reason(Throwable failure) {
        Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    void close(@Observes ShutdownEvent shutdown) {
        http.close();
    }
}
