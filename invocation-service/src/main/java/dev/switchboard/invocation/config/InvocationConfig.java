package dev.switchboard.invocation.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

@ConfigMapping(prefix = "switchboard.invocation")
public interface InvocationConfig {

    Registry registry();

    Upstream upstream();

    Events events();

    Resilience resilience();

    RateLimits rateLimits();

    Cache cache();

    Stdio stdio();

    Mcp mcp();

    Usage usage();

    /** Tool usage counts, which every replica adds to one table. */
    interface Usage {
        /**
         * How often a replica adds the calls it counted to the shared table: what other replicas and a restart can
         * miss at most, against one write per call.
         */
        @WithDefault("PT1S")
        Duration flushInterval();
    }

    /** The aggregated MCP endpoint, {@code /mcp}. */
    interface Mcp {
        /** How long a session id stays valid; a client whose session expired initializes again. */
        @WithDefault("PT24H")
        Duration sessionTtl();

        /** Items per page of {@code tools/list} and the other lists; longer lists continue with a cursor. */
        @WithDefault("200")
        int pageSize();

        /**
         * Origins that browsers may call {@code /mcp} from, besides the service's own host (DNS-rebinding protection,
         * as the MCP specification requires). A request without an Origin header, as non-browser clients send, is
         * not affected.
         */
        Optional<List<String>> allowedOrigins();

        /** The version {@code /mcp} gives in its serverInfo: the service's own. */
        String serverVersion();

        /**
         * How often this replica reads what the others were told about sessions (ended, a request cancelled, a log
         * level set), and so how soon it honours them.
         */
        @WithDefault("PT1S")
        Duration signalInterval();

        /** How often an open notification stream gets a comment line, so that proxies keep it open. */
        @WithDefault("PT25S")
        Duration keepAlive();
    }

    interface Stdio {
        /**
         * {@code user:group} (names or ids) that stdio servers run as, so that they can read neither the service's
         * memory and environment nor its files; needs root or the SETUID and SETGID capabilities. Unset: the
         * service's own user.
         */
        Optional<String> runAs();

        /** HOME for servers run as another user; it must be writable by that user (npx keeps its cache there). */
        Optional<Path> home();

        /**
         * Where each running server's process is recorded, so that a service that was killed without a chance to end
         * its servers has them ended at its next start.
         */
        Path childrenDirectory();

        /**
         * Whether servers run in a session of their own (setsid), to be ended as a whole group, and die with the
         * service however it ends (setpriv --pdeathsig); both come from util-linux.
         */
        @WithDefault("true")
        boolean confine();
    }

    interface Cache {
        /** Off turns every server's cache policy off at once. */
        @WithDefault("true")
        boolean enabled();

        /** Results kept at most; the oldest go first when it is full. */
        @WithDefault("10000")
        int maxEntries();

        /** The most the cached results may take, as serialized; the oldest go first when it is full. */
        @WithDefault("67108864")
        long maxBytes();
    }

    interface Resilience {
        /** The share of failed calls, among the last {@link #requestVolumeThreshold()}, that opens a server's circuit. */
        @WithDefault("0.5")
        double failureRatio();

        @WithDefault("10")
        int requestVolumeThreshold();

        /** How long an open circuit refuses calls before it lets one probe through. */
        @WithDefault("PT10S")
        Duration delay();

        /** Probes that must succeed, half-open, before the circuit closes. */
        @WithDefault("1")
        int successThreshold();

        /** Calls in flight to one server at a time; more are refused at once, so a slow server cannot hold every thread. */
        @WithDefault("16")
        int maxConcurrentCalls();
    }

    interface RateLimits {
        /** Calls one API key may make per minute on this replica, across all servers. */
        @WithDefault("600")
        int perKeyPerMinute();
    }

    interface Events {
        /** Whether tool events carry argument values, which may hold personal data; by default only their names. */
        @WithDefault("false")
        boolean includeArguments();

        Journal journal();

        /** Events handed to the Kafka producer at once. */
        @WithDefault("500")
        int batchSize();

        /**
         * How long the sender waits for the broker to acknowledge a batch before it puts the batch back and tries
         * again; longer than the producer's own delivery timeout, so that the producer gives up first.
         */
        @WithDefault("PT40S")
        Duration sendTimeout();

        /** The first wait after a batch could not be sent; it doubles up to {@link #maxRetryDelay()}. */
        @WithDefault("PT0.2S")
        Duration initialRetryDelay();

        @WithDefault("PT10S")
        Duration maxRetryDelay();

        /**
         * How often a replica that has sent everything of its own looks for events that a stopped replica handed
         * over to the database because the broker was away when it stopped.
         */
        @WithDefault("PT10S")
        Duration handoffInterval();
    }

    /** The events on local disk that wait for the broker; see {@code EventJournal}. */
    interface Journal {
        /**
         * Where they are kept: a directory that outlives the process (on Kubernetes an {@code emptyDir}, which
         * survives a container's restart), so that a restarted service sends what its predecessor could not.
         */
        Path directory();

        /** The most the journal holds while the broker cannot take events; beyond it events are dropped and counted. */
        @WithDefault("256M")
        MemorySize maxSize();

        /**
         * How often what was appended is flushed to the disk itself: a crash of the whole machine loses at most the
         * events of this last stretch (a killed process loses none; they are in the kernel's cache).
         */
        @WithDefault("PT1S")
        Duration syncInterval();
    }

    interface Registry {
        /**
         * Where the registry's REST API is, for the full configuration at start and after each change; the registry's
         * REST client ({@code quarkus.rest-client.registry.url}) takes it from here.
         */
        @WithDefault("http://127.0.0.1:8081")
        String url();

        /** The key with role {@code service} that this service exchanges for tokens. */
        Optional<String> serviceKey();

        /** How long to wait between attempts while the registry cannot be reached at start. */
        @WithDefault("PT2S")
        Duration retryInterval();

        /** Servers read per request when the whole configuration is loaded. */
        @WithDefault("100")
        int pageSize();
    }

    interface Upstream {
        /** Connection attempts and health checks run at once, so that many failing servers cannot exhaust threads. */
        @WithDefault("8")
        int workers();

        /**
         * How often the supervisor looks at every connection: it starts the reconnections that are due and the
         * health checks whose interval has passed, so neither happens sooner than one interval late.
         */
        @WithDefault("PT1S")
        Duration supervisionInterval();

        /** The longest an MCP handshake may take. */
        @WithDefault("PT30S")
        Duration connectTimeout();

        /** A call's timeout when neither the call nor the server names one. */
        @WithDefault("PT30S")
        Duration defaultCallTimeout();

        /** The longest timeout a call may ask for. */
        @WithDefault("PT2M")
        Duration maxCallTimeout();

        /** The first wait before reconnecting a failed server; it doubles up to {@link #maxReconnectDelay()}. */
        @WithDefault("PT0.5S")
        Duration initialReconnectDelay();

        @WithDefault("PT30S")
        Duration maxReconnectDelay();

        /**
         * The largest message a server may send (a tool result, a resource read, a list); a larger one fails its
         * request with a 502 that says so, and is never held in memory whole.
         */
        @WithDefault("4194304")
        int maxMessageBytes();

        /**
         * How long a host name's checked address is used before the name is resolved and checked again; every
         * connection goes to the checked address, so that DNS rebinding cannot slip an internal one in between.
         */
        @WithDefault("PT30S")
        Duration addressCheckTtl();

        /**
         * How long an idle connection to a server is kept for the next request, in whole seconds. Below five, because
         * common servers (Node's HTTP server, uvicorn) close a connection idle for five: a request sent on one just as
         * the server closes it would fail. A server's own {@code Keep-Alive: timeout} header takes precedence.
         */
        @WithDefault("PT4S")
        Duration idleConnectionTimeout();
    }
}
