package dev.switchboard.invocation.mcp;

import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * The HTTP client of a legacy SSE connection that authenticates with OAuth 2.0 client credentials. The SDK's SSE
 * transport has no hook for a 401 (and drops a failed message send silently), so the renewal happens here: a request
 * the server turns away with 401, because its token expired or was revoked early, goes once more with a renewed
 * token. The server refused the first one, so sending it again runs nothing twice.
 */
final class TokenRenewingHttpClient extends HttpClient {

    private static final int UNAUTHORIZED = 401;

    private final HttpClient delegate;
    private final Supplier<String> renewedAuthorization;

    private TokenRenewingHttpClient(HttpClient delegate, Supplier<String> renewedAuthorization) {
        this.delegate = delegate;
        this.renewedAuthorization = renewedAuthorization;
    }

    /**
     * A builder for the SDK to configure, on HTTP/1.1 as the SDK's own is; {@code renewedAuthorization} forgets the
     * token and answers the new header value.
     */
    static HttpClient.Builder builder(Supplier<String> renewedAuthorization) {
        return new RenewingBuilder(HttpClient.newBuilder().version(Version.HTTP_1_1), renewedAuthorization);
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        HttpResponse<T> response = delegate.send(request, unlessUnauthorized(handler));
        return response.statusCode() == UNAUTHORIZED ? delegate.send(renewed(request), handler) : response;
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        return delegate.sendAsync(request, unlessUnauthorized(handler)).thenCompose(response ->
                response.statusCode() == UNAUTHORIZED ? delegate.sendAsync(renewed(request), handler)
                        : CompletableFuture.completedFuture(response));
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
                                                            HttpResponse.PushPromiseHandler<T> pushPromises) {
        return sendAsync(request, handler);
    }

    /** The SDK's handler never sees the refused answer, only the one to the renewed request. */
    private static <T> HttpResponse.BodyHandler<T> unlessUnauthorized(HttpResponse.BodyHandler<T> handler) {
        return info -> info.statusCode() == UNAUTHORIZED ? HttpResponse.BodySubscribers.replacing(null) : handler.apply(info);
    }

    private HttpRequest renewed(HttpRequest refused) {
        return HttpRequest.newBuilder(refused, (name, value) -> !"Authorization".equalsIgnoreCase(name))
                .header("Authorization", renewedAuthorization.get())
                .build();
    }

    @Override
    public Optional<CookieHandler> cookieHandler() {
        return delegate.cookieHandler();
    }

    @Override
    public Optional<Duration> connectTimeout() {
        return delegate.connectTimeout();
    }

    @Override
    public Redirect followRedirects() {
        return delegate.followRedirects();
    }

    @Override
    public Optional<ProxySelector> proxy() {
        return delegate.proxy();
    }

    @Override
    public SSLContext sslContext() {
        return delegate.sslContext();
    }

    @Override
    public SSLParameters sslParameters() {
        return delegate.sslParameters();
    }

    @Override
    public Optional<Authenticator> authenticator() {
        return delegate.authenticator();
    }

    @Override
    public Version version() {
        return delegate.version();
    }

    @Override
    public Optional<Executor> executor() {
        return delegate.executor();
    }

    /** Configures the real client and wraps what it builds. */
    private record RenewingBuilder(HttpClient.Builder delegate, Supplier<String> renewedAuthorization) implements HttpClient.Builder {

        @Override
        public HttpClient.Builder cookieHandler(CookieHandler handler) {
            delegate.cookieHandler(handler);
            return this;
        }

        @Override
        public HttpClient.Builder connectTimeout(Duration duration) {
            delegate.connectTimeout(duration);
            return this;
        }

        @Override
        public HttpClient.Builder sslContext(SSLContext context) {
            delegate.sslContext(context);
            return this;
        }

        @Override
        public HttpClient.Builder sslParameters(SSLParameters parameters) {
            delegate.sslParameters(parameters);
            return this;
        }

        @Override
        public HttpClient.Builder executor(Executor executor) {
            delegate.executor(executor);
            return this;
        }

        @Override
        public HttpClient.Builder followRedirects(Redirect policy) {
            delegate.followRedirects(policy);
            return this;
        }

        @Override
        public HttpClient.Builder version(Version version) {
            delegate.version(version);
            return this;
        }

        @Override
        public HttpClient.Builder priority(int priority) {
            delegate.priority(priority);
            return this;
        }

        @Override
        public HttpClient.Builder proxy(ProxySelector selector) {
            delegate.proxy(selector);
            return this;
        }

        @Override
        public HttpClient.Builder authenticator(Authenticator authenticator) {
            delegate.authenticator(authenticator);
            return this;
        }

        @Override
        public HttpClient build() {
            return new TokenRenewingHttpClient(delegate.build(), renewedAuthorization);
        }
    }
}
