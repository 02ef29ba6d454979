package dev.switchboard.audit.messaging;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.localstack.EmbeddedKafkaBroker;
import dev.switchboard.model.event.Topics;
import dev.switchboard.testsupport.LocalStackTestResource;
import dev.switchboard.testsupport.ServiceProcess;
import dev.switchboard.testsupport.TestFiles;
import dev.switchboard.testsupport.TestJson;
import dev.switchboard.testsupport.TestTokens;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The Kafka settings of the Kubernetes manifests, as each service's ConfigMap writes them (SASL_SSL, SCRAM-SHA-512 as
 * the service's KafkaUser, the password from {@code SWITCHBOARD_KAFKA_PASSWORD_FILE}, a PEM trust store), against a
 * real broker that admits nothing else. Each service is ready only once its admin client (readiness) and its own
 * revocation consumer have reached the broker; then a tenant created at the registry (outbox relay's producer) is in
 * the audit trail (the messaging consumer). Only the trust store's path is this machine's.
 */
class SecuredKafkaIT {

    private static final Path WORK = Path.of("target/secured-kafka").toAbsolutePath();
    private static final Path MANIFESTS = Path.of("../deploy/kubernetes/base");
    private static final Path REGISTRY_JAR = Path.of("../registry-service/target/quarkus-app/quarkus-run.jar");
    private static final Path AUDIT_JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    private static final String STORE_PASSWORD = "broker-store-" + UUID.randomUUID();
    private static final String ADMIN_KEY = "sb_secured-kafka-admin-key-5d0c9b1e77a4";

    @Test
    void servicesConfiguredAsTheManifestsSayWorkAgainstABrokerThatAdmitsOnlyScramOverTls() throws Exception {
        TestFiles.deleteTree(WORK);
        Files.createDirectories(WORK);
        Path keystore = WORK.resolve("broker.p12");
        Path trustedCertificate = WORK.resolve("ca.crt");
        keytool("-genkeypair", "-alias", "broker", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", STORE_PASSWORD, "-keypass", STORE_PASSWORD);
        keytool("-exportcert", "-rfc", "-alias", "broker", "-keystore", keystore.toString(),
                "-storepass", STORE_PASSWORD, "-file", trustedCertificate.toString());

        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.startSecured(WORK.resolve("kafka"), keystore, STORE_PASSWORD)) {
            broker.ensureTopics(Topics.ALL, 3);
            try (ServiceProcess registry = secured("registry", REGISTRY_JAR, broker, trustedCertificate, Map.of(
                    "smallrye.jwt.sign.key.location", LocalStackTestResource.keys().privateKey().toUri().toString(),
                    "switchboard.registry.bootstrap-admin-key", ADMIN_KEY));
                 ServiceProcess audit = secured("audit", AUDIT_JAR, broker, trustedCertificate, Map.of())) {
                String name = "secured-" + UUID.randomUUID();
                HttpResponse<String> created = http(HttpRequest.newBuilder(URI.create(registry.url() + "/api/tenants"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\"}")));
                assertEquals(201, created.statusCode(), created.body());
                String tenantId = TestJson.MAPPER.readTree(created.body()).path("data").path("id").asText();

                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
                    JsonNode page = TestJson.MAPPER.readTree(http(HttpRequest.newBuilder(URI.create(audit.url()
                            + "/api/audit?action=tenant.created&resource=" + tenantId))).body());
                    return page.path("data").path("total").asInt() == 1;
                });
            }
        }
    }

    /** A service whose Kafka settings are its ConfigMap's, with the broker's address and trust store of this test. */
    private static ServiceProcess secured(String service, Path jar, EmbeddedKafkaBroker broker, Path trustedCertificate,
                                          Map<String, String> properties) throws IOException {
        String user = service + "-service";
        String password = "scram-" + UUID.randomUUID();
        broker.addScramUser(user, password);
        Path passwordFile = WORK.resolve(user + ".password");
        Files.writeString(passwordFile, password + "\n");
        Map<String, String> all = new HashMap<>(properties);
        all.putAll(kafkaSettingsOf(service));
        all.put("kafka.bootstrap.servers", broker.securedBootstrapServers());
        all.put("kafka.ssl.truststore.location", trustedCertificate.toString());
        return ServiceProcess.start(service + "-secured", jar, service, all,
                Map.of("SWITCHBOARD_KAFKA_PASSWORD_FILE", passwordFile.toString()));
    }

    /** The {@code kafka.*} lines of the service's ConfigMap's {@code application.properties}. */
    static Map<String, String> kafkaSettingsOf(String service) throws IOException {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String line : Files.readAllLines(MANIFESTS.resolve(service).resolve("configmap.yaml"))) {
            String setting = line.strip();
            if (setting.startsWith("kafka.")) {
                int equals = setting.indexOf('=');
                settings.put(setting.substring(0, equals), setting.substring(equals + 1));
            }
        }
        assertEquals(List.of("kafka.security.protocol", "kafka.sasl.mechanism", "kafka.sasl.jaas.config",
                "kafka.ssl.truststore.type", "kafka.ssl.truststore.location"), List.copyOf(settings.keySet()),
                "the Kafka settings of " + service + "'s ConfigMap");
        return settings;
    }

    private static HttpResponse<String> http(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(request.header("Authorization", "Bearer " + TestTokens.admin())
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void keytool(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        Process keytool = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(WORK.resolve("keytool.log").toFile()).start();
        assertTrue(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0, "keytool " + arguments[0]);
    }
}
