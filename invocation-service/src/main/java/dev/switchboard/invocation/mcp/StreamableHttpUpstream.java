package dev.switchboard.invocation.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.platform.retry.Backoff;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The Streamable HTTP transport (protocol 2025-03-26 and later): each message is a POST, answered with the JSON
 * response itself or with an event stream that carries it (and progress before it); the server's own messages come
 * on a GET event stream kept open for the session. The session id the server gives at initialization and the
 * negotiated protocol version go with every request.
 */
final class StreamableHttpUpstream implements UpstreamTransport {

    private static final Logger LOG = Logger.getLogger(StreamableHttpUpstream.class);
    private static final String SESSION = "Mcp-Session-Id";
    private static final long NO_IDLE_TIMEOUT = 0;
    private static final Backoff STREAM_BACKOFF = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30));

    private final String serverName;
    private final URI endpoint;
    private final UpstreamCredentials credentials;
    private final OutboundHttp http;
    private final ObjectMapper json;
    private final int maxMessageBytes;
    private volatile Inbound inbound;
    private volatile String sessionId;
    private volatile String protocolVersion;
    private final ConnectionLoss loss = new ConnectionLoss();
    private volatile boolean closed;
    private volatile HttpClientRequest stream;
    /** The last event id of the GET stream only: an id names a position in its own stream, never in another. */
    private volatile String lastEventId;

    StreamableHttpUpstream(String serverName, URI endpoint, UpstreamCredentials credentials, OutboundHttp http,
                           ObjectMapper json, int maxMessageBytes) {
        this.serverName = serverName;
        this.endpoint = endpoint;
        this.credentials = credentials;
        this.http = http;
        this.json = json;
        this.maxMessageBytes = maxMessageBytes;
    }

    @Override
    public void start(Inbound inbound) {
        this.inbound = inbound;
    }

    @Override
    public void initialized(String protocolVersion) {
        this.protocolVersion = protocolVersion;
        openStream(STREAM_BACKOFF.initial());
    }

    @Override
    public CompletableFuture<Void> send(ObjectNode message) {
        byte[] body;
        try {
            body = json.writeValueAsBytes(message);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
        return post(Buffer.buffer(body), true);
    }

    private CompletableFuture<Void> post(Buffer body, boolean mayRenew) {
        if (closed) {
            return CompletableFuture.failedFuture(new UpstreamFailure(UpstreamFailure.Kind.CONNECTION, "the connection is closed"));
        }
        return http.target(endpoint).thenCombine(credentials.headers(), (target, headers) ->
                        http.request(HttpMethod.POST, target, headers(headers, "application/json, text/event-stream", true),
                                        NO_IDLE_TIMEOUT)
                                .compose(request -> request.send(body))
                                .compose(this::answer)
                                .toCompletionStage())
                .thenCompose(answered -> answered)
                .thenCompose(unauthorized -> {
                    if (!unauthorized) {
                        return CompletableFuture.completedFuture(null);
                    }
                    if (mayRenew && credentials.renewAfterUnauthorized()) {
                        return post(body, false);
                    }
                    return CompletableFuture.failedFuture(new UpstreamFailure(UpstreamFailure.Kind.CONNECTION,
                            "the server refused the credentials (HTTP 401)"));
                });
    }

    /** @return whether the server answered 401 and the request may be sent again with renewed credentials */
    private Future<Boolean> answer(HttpClientResponse response) {
        String session = response.getHeader(SESSION);
        if (session != null && sessionId == null) {
            sessionId = session;
        }
        int status = response.statusCode();
        if (status == 401) {
            return response.body().map(ignored -> true);
        }
        if (status == 404 && sessionId != null) {
            lost("the server ended the session");
            return response.body().transform(ignored -> Future.failedFuture(new UpstreamFailure(
                    UpstreamFailure.Kind.CONNECTION, "the server ended the session")));
        }
        if (status >= 300) {
            return response.body().transform(ignored -> Future.failedFuture(new UpstreamFailure(
                    UpstreamFailure.Kind.CONNECTION, "the server answered HTTP " + status)));
        }
        String type = response.getHeader("Content-Type") == null ? "" : response.getHeader("Content-Type").toLowerCase(Locale.ROOT);
        if (type.startsWith("text/event-stream")) {
            SseParser parser = new SseParser(maxMessageBytes, events(false));
            response.handler(parser::feed);
            response.exceptionHandler(failure -> LOG.debugf("[%s] response stream failed: %s", serverName, failure.getMessage()));
            return Future.succeededFuture(false);
        }
        if (type.startsWith("application/json")) {
            return OutboundHttp.body(response, maxMessageBytes).map(body -> {
                deliver(body);
                return false;
            });
        }
        return response.body().map(ignored -> false);
    }

    private void deliver(Buffer body) {
        if (body.length() == 0) {
            return;
        }
        try {
            inbound.message(json.readTree(body.getBytes()));
        } catch (IOException e) {
            LOG.debugf("[%s] ignored an answer that is not JSON", serverName);
        }
    }

    /** @param listening whether these are the GET stream's events, whose last id a reconnection resumes from */
    private SseParser.Events events(boolean listening) {
        return new SseParser.Events() {
            @Override
            public void event(String type, String data, String id) {
                if (listening && id != null) {
                    lastEventId = id;
                }
                if ("message".equals(type) && !data.isEmpty()) {
                    try {
                        JsonNode message = json.readTree(data);
                        inbound.message(message);
                    } catch (IOException e) {
                        LOG.debugf("[%s] ignored an event that is not JSON", serverName);
                    }
                }
            }

            @Override
            public void oversized(Long id) {
                inbound.oversized(id, maxMessageBytes);
            }
        };
    }

    /** The GET stream of the server's own messages; a server that offers none answers 405, and that is fine. */
    private void openStream(Duration backoff) {
        if (closed) {
            return;
        }
        credentials.headers().thenCombine(http.target(endpoint), (headers, target) -> {
            Map<String, String> streamHeaders = headers(headers, "text/event-stream", false);
            if (lastEventId != null) {
                streamHeaders.put("Last-Event-ID", lastEventId);
            }
            http.request(HttpMethod.GET, target, streamHeaders, NO_IDLE_TIMEOUT).onSuccess(request -> {
                stream = request;
                request.send().onSuccess(response -> {
                    if (response.statusCode() != 200) {
                        response.body();
                        return;
                    }
                    SseParser parser = new SseParser(maxMessageBytes, events(true));
                    response.handler(parser::feed);
                    response.endHandler(end -> reopen(STREAM_BACKOFF.initial()));
                    response.exceptionHandler(failure -> reopen(backoff));
                }).onFailure(failure -> reopen(backoff));
            }).onFailure(failure -> reopen(backoff));
            return null;
        }).exceptionally(failure -> {
            reopen(backoff);
            return null;
        });
    }

    private void reopen(Duration backoff) {
        if (closed) {
            return;
        }
        http.vertx().setTimer(backoff.toMillis(), timer -> openStream(STREAM_BACKOFF.after(backoff)));
    }

    private Map<String, String> headers(Map<String, String> credentialHeaders, String accept, boolean json) {
        Map<String, String> headers = new LinkedHashMap<>(credentialHeaders);
        headers.put("Accept", accept);
        if (json) {
            headers.put("Content-Type", "application/json");
        }
        if (sessionId != null) {
            headers.put(SESSION, sessionId);
        }
        if (protocolVersion != null) {
            headers.put("MCP-Protocol-Version", protocolVersion);
        }
        return headers;
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

    /** Ends the session at the server (DELETE, as the specification asks), and the notification stream. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        endStream();
        String session = sessionId;
        if (session != null) {
            try {
                credentials.headers().thenCompose(headers -> http.target(endpoint).thenCompose(target ->
                                http.request(HttpMethod.DELETE, target, headers(headers, "application/json", false), 2_000)
                                        .compose(HttpClientRequest::send).compose(HttpClientResponse::body).toCompletionStage()))
                        .toCompletableFuture().get(2, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.debugf("[%s] ending the session failed: %s", serverName, e.getMessage());
            }
        }
        lost("closed");
    }

    @Override
    public void abandon() {
        endStream();
        lost("abandoned");
    }

    private void endStream() {
        closed = true;
        HttpClientRequest open = stream;
        if (open != null) {
            open.reset();
        }
    }
}
