package dev.switchboard.localstack;

import java.io.IOException;
import java.io.PrintStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A real single-node Kafka KRaft broker (broker and controller in one) running in this JVM. It can be stopped and
 * started again on the same ports and log directory, which the outage tests rely on. Optionally it has a second
 * client listener, TLS with SCRAM-SHA-512 users only ({@link #startSecured}), as a secured cluster's is.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final int NODE_ID = 1;
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final String SECURED_LISTENER = "SECURED";
    private static final int NO_PORT = 0;

    private final Path logDirectory;
    private final int port;
    private final int controllerPort;
    private final int securedPort;
    private final Path keystore;
    private final String keystorePassword;
    private KafkaRaftServer server;

    private EmbeddedKafkaBroker(Path logDirectory, int port, int controllerPort, int securedPort, Path keystore,
                                String keystorePassword) {
        this.logDirectory = logDirectory;
        this.port = port;
        this.controllerPort = controllerPort;
        this.securedPort = securedPort;
        this.keystore = keystore;
        this.keystorePassword = keystorePassword;
    }

    /**
     * Formats {@code logDirectory} on first use and starts the broker.
     *
     * @param port           the client port, or 0 for a free one
     * @param controllerPort the KRaft controller port, or 0 for a free one
     */
    public static EmbeddedKafkaBroker start(Path logDirectory, int port, int controllerPort) {
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(logDirectory,
                port > 0 ? port : FreePorts.find(), controllerPort > 0 ? controllerPort : FreePorts.find(), NO_PORT,
                null, null);
        broker.format();
        broker.start();
        return broker;
    }

    /**
     * Like {@link #start}, on free ports, with a second client listener ({@link #securedBootstrapServers()}): TLS with
     * the key and certificate in the PKCS12 {@code keystore}, admitting only the users {@link #addScramUser added},
     * with SCRAM-SHA-512.
     */
    public static EmbeddedKafkaBroker startSecured(Path logDirectory, Path keystore, String keystorePassword) {
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(logDirectory, FreePorts.find(), FreePorts.find(),
                FreePorts.find(), keystore, keystorePassword);
        broker.format();
        broker.start();
        return broker;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** The secured listener's address; only for a broker from {@link #startSecured}. */
    public String securedBootstrapServers() {
        if (securedPort == NO_PORT) {
            throw new IllegalStateException("This broker has no secured listener");
        }
        return "127.0.0.1:" + securedPort;
    }

    /** Creates or replaces a SCRAM-SHA-512 user, as Strimzi's User Operator does for a {@code KafkaUser}. */
    public void addScramUser(String user, String password) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(user,
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), password))).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not add the SCRAM user " + user + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while adding a SCRAM user", e);
        }
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    /** Starts the broker again after {@link #stop()}, with the data it had. */
    public synchronized void start() {
        if (server != null) {
            return;
        }
        KafkaRaftServer starting = new KafkaRaftServer(new KafkaConfig(brokerProperties(), false), Time.SYSTEM);
        starting.startup();
        server = starting;
    }

    /** Stops the broker and waits until its ports are closed; clients see an outage until {@link #start()}. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        server.shutdown();
        server.awaitShutdown();
        server = null;
    }

    /** Creates each topic that does not exist yet, with {@code partitions} partitions and one replica. */
    public void ensureTopics(List<String> topics, int partitions) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = topics.stream()
                    .filter(topic -> !existing.contains(topic))
                    .map(topic -> new NewTopic(topic, partitions, (short) 1))
                    .collect(Collectors.toList());
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not create topics " + topics + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topics", e);
        }
    }

    @Override
    public void close() {
        stop();
    }

    private void format() {
        if (Files.exists(logDirectory.resolve("meta.properties"))) {
            return;
        }
        try {
            Files.createDirectories(logDirectory);
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setClusterId(Uuid.randomUuid().toString())
                    .setNodeId(NODE_ID)
                    .setDirectories(List.of(logDirectory.toString()))
                    .setMetadataLogDirectory(logDirectory.toString())
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .run();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create " + logDirectory, e);
        } catch (Exception e) {
            throw new IllegalStateException("Could not format the Kafka log directory " + logDirectory, e);
        }
    }

    private Properties brokerProperties() {
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", String.valueOf(NODE_ID));
        props.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
        String secured = securedPort == NO_PORT ? "" : "," + SECURED_LISTENER + "://127.0.0.1:" + securedPort;
        props.put("listeners", "PLAINTEXT://127.0.0.1:" + port + "," + CONTROLLER_LISTENER + "://127.0.0.1:" + controllerPort
                + secured);
        props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port + secured);
        props.put("controller.listener.names", CONTROLLER_LISTENER);
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT,"
                + SECURED_LISTENER + ":SASL_SSL");
        if (securedPort != NO_PORT) {
            String listener = "listener.name." + SECURED_LISTENER.toLowerCase(Locale.ROOT) + ".";
            props.put("sasl.enabled.mechanisms", "SCRAM-SHA-512");
            props.put(listener + "scram-sha-512.sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;");
            props.put(listener + "ssl.keystore.type", "PKCS12");
            props.put(listener + "ssl.keystore.location", keystore.toString());
            props.put(listener + "ssl.keystore.password", keystorePassword);
            props.put(listener + "ssl.key.password", keystorePassword);
        }
        props.put("log.dirs", logDirectory.toString());
        props.put("metadata.log.dir", logDirectory.toString());
        props.put("num.partitions", "3");
        props.put("auto.create.topics.enable", "false");
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "5");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("controlled.shutdown.enable", "false");
        // A restarted node re-registers only once its old session expires; keep that short for restarts.
        props.put("broker.heartbeat.interval.ms", "500");
        props.put("broker.session.timeout.ms", "3000");
        return props;
    }
}
