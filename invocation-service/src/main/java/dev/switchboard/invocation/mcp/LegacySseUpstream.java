package dev.switchboard.invocation.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * The HTTP+SSE transport of protocol 2024-11-05: a GET event stream whose first {@code endpoint} event names where
 * to POST messages, and whose {@code message} events carry everything the server sends.
 */
final class LegacySseUpstream implements UpstreamTransport {

    private static final Logger LOG = Logger.getLogger(LegacySseUpstream.class);
    private static final long NO_IDLE_TIMEOUT = 0;

    private final String serverName;
    private final URI sseUrl;
    private final UpstreamCredentials credentials;
    private final OutboundHttp http;
    private final ObjectMapper json;
    private final int maxMessageBytes;
    private final Duration connectTimeout;
    private final CompletableFuture<URI> endpoint = new CompletableFuture<>();
    private volatile Inbound inbound;
    private volatile HttpClientRequest stream;
    private final ConnectionLoss loss = new ConnectionLoss();

    LegacySseUpstream(String serverName, URI sseUrl, UpstreamCredentials credentials, OutboundHttp http, ObjectMapper json,
                      int maxMessageBytes, Duration connectTimeout) {
        this.serverName = serverName;
        this.sseUrl = sseUrl;
        this.credentials = credentials;
        this.http = http;
        this.json = json;
        this.maxMessageBytes = maxMessageBytes;
        this.connectTimeout = connectTimeout;
    }

    /** Opens the event stream and waits for the {@code endpoint} event. */
    @Override
    public void start(Inbound inbound) {
        this.inbound = inbound;
        open(true);
        try {
            endpoint.get(connectTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            abandon();
            throw new UpstreamFailure(UpstreamFailure.Kind.TIMEOUT, "the server named no message endpoint within "
                    + connectTimeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abandon();
            throw new UpstreamFailure(UpstreamFailure.Kind.CONNECTION, "interrupted while connecting");
        } catch (ExecutionException e) {
            abandon();
            throw UpstreamFailure.of(e, UpstreamFailure.Kind.CONNECTION, "the event stream could not be opened");
        }
    }

    private void open(boolean mayRenew) {
        http.target(sseUrl).thenCombine(credentials.headers(), (target, headers) -> {
            Map<String, String> streamHeaders = new LinkedHashMap<>(headers);
            streamHeaders.put("Accept", "text/event-stream");
            http.request(HttpMethod.GET, target, streamHeaders, NO_IDLE_TIMEOUT)
                    .compose(request -> {
                        stream = request;
                        return request.send();
                    })
                    .onSuccess(response -> listen(response, mayRenew))
                    .onFailure(failure -> failed(new UpstreamFailure(UpstreamFailure.Kind.CONNECTION,
                            "the event stream could not be opened", null, failure)));
            return null;
        }).exceptionally(failure -> {
            failed(UpstreamFailure.of(failure, UpstreamFailure.Kind.CONNECTION, "the event stream could not be opened"));
            return null;
        });
    }

    private void listen(HttpClientResponse response, boolean mayRenew) {
        if (response.statusCode() == 401 && mayRenew && credentials.renewAfterUnauthorized()) {
            response.body().onComplete(ignored -> open(false));
            return;
        }
        if (response.statusCode() != 200) {
            response.body();
            failed(new UpstreamFailure(UpstreamFailure.Kind.CONNECTION, "the server answered HTTP " + response.statusCode()));
            return;
        }
        SseParser parser = new SseParser(maxMessageBytes, new SseParser.Events() {
            @Override
            public void event(String type, String data, String id) {
                if ("endpoint".equals(type)) {
                    endpoint.complete(sseUrl.resolve(data.trim()));
                } else if ("message".equals(type) && !data.isEmpty()) {
                    try {
                        inbound.message(json.readTree(data));
                    } catch (IOException e) {
                        LOG.debugf("[%s] ignored an event that is not JSON", serverName);
                    }
                }
            }

            @Override
            public void oversized(Long id) {
                inbound.oversized(id, maxMessageBytes);
            }
        });
        response.handler(parser::feed);
        response.endHandler(end -> lost("the server closed the event stream"));
        response.exceptionHandler(failure -> lost("the event stream failed"));
    }

    private void failed(UpstreamFailure failure) {
        if (!endpoint.isDone()) {
            endpoint.completeExceptionally(failure);
        }
        lost(failure.getMessage());
    }

    @Override
    public CompletableFuture<Void> send(ObjectNode message) {
        byte[] body;
        try {
            body = json.writeValueAsBytes(message);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
        return endpoint.thenCompose(messages -> post(messages, Buffer.buffer(body), true));
    }

    private CompletableFuture<Void> post(URI messages, Buffer body, boolean mayRenew) {
        if (loss.happened()) {
            return CompletableFuture.failedFuture(new UpstreamFailure(UpstreamFailure.Kind.CONNECTION, "the connection was lost"));
        }
        return http.target(messages).thenCombine(credentials.headers(), (target, headers) -> {
            Map<String, String> postHeaders = new LinkedHashMap<>(headers);
            postHeaders.put("Content-Type", "application/json");
            return http.request(HttpMethod.POST, target, postHeaders, NO_IDLE_TIMEOUT)
                    .compose(request -> request.send(body))
                    .compose(response -> response.body().map(ignored -> response.statusCode()))
                    .toCompletionStage();
        }).thenCompose(status -> status).thenCompose(status -> {
            if (status == 401 && mayRenew && credentials.renewAfterUnauthorized()) {
                LOG.debugf("[%s] a message was refused with 401; sending it again with renewed credentials", serverName);
                return post(messages, body, false);
            }
            if (status >= 300) {
                return CompletableFuture.failedFuture(new UpstreamFailure(UpstreamFailure.Kind.CONNECTION,
                        "the server answered HTTP " + status));
            }
            return CompletableFuture.completedFuture(null);
        });
    }

    @Override
    public boolean alive() {
        return !loss.happened();
    }

    @Override
    public String lossReason() {
        return loss.describe();
    }

    private void lost(String reason) {
        loss.lost(reason, inbound);
    }

    @Override
    public void close() {
        abandon();
    }

    @Override
    public void abandon() {
        lost("closed");
        HttpClientRequest open = stream;
        if (open != null) {
            open.reset();
        }
    }
}
