package dev.switchboard.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.model.event.Topics;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The overlays render into valid objects that agree with the services as they are built. */
class ManifestsTest {

    /** The kinds of the operators an operator already runs, which the Kubernetes model does not carry. */
    /** Operator kinds that no model here reads: they are checked for a spec only. */
    private static final Set<String> UNMODELLED_KINDS = Set.of("postgresql.cnpg.io/v1/Cluster");
    private static final Map<String, Rendered> OVERLAYS = new HashMap<>();

    @BeforeAll
    static void render() throws Exception {
        boolean kubectl;
        try {
            kubectl = new ProcessBuilder("kubectl", "version", "--client").start().waitFor() == 0;
        } catch (IOException notInstalled) {
            kubectl = false;
        }
        // Never skipped: manifests that nobody rendered are manifests that nobody checked.
        assertTrue(kubectl, "kubectl is needed to render the overlays (kubectl kustomize); install it and run again");
        for (String overlay : List.of("dev", "prod")) {
            OVERLAYS.put(overlay, Rendered.render("overlays/" + overlay));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void rendersObjectsThatTheKubernetesModelKnowsFieldByField(String overlay) {
        for (HasMetadata object : OVERLAYS.get(overlay).all()) {
            String name = object.getKind() + "/" + object.getMetadata().getName();
            if (object instanceof GenericKubernetesResource custom) {
                assertTrue(UNMODELLED_KINDS.contains(custom.getApiVersion() + "/" + custom.getKind()),
                        name + " is neither a kind of Kubernetes, Strimzi or Prometheus nor CloudNativePG's Cluster");
                assertNotNull(custom.getAdditionalProperties().get("spec"), name + " has no spec");
            } else {
                assertEquals(List.of(), Rendered.unknownFields(object, name), "fields its model does not know");
            }
            if (!object.getKind().equals("Namespace")) {
                assertEquals("switchboard", object.getMetadata().getNamespace(), name + " is in the switchboard namespace");
            }
        }
    }

    @Test
    void offersAGatewayApiRouteThatTheModelKnowsFieldByField() throws IOException {
        List<HasMetadata> route = Rendered.read(Files.readString(Rendered.KUBERNETES.resolve("components/gateway-api/httproute.yaml")));
        assertTrue(route.get(0) instanceof HTTPRoute, "an HTTPRoute: " + route.get(0).getClass());
        assertEquals(List.of(), Rendered.unknownFields(route.get(0), "HTTPRoute"));
        Map<String, String> owners = new HashMap<>();
        ((HTTPRoute) route.get(0)).getSpec().getRules().forEach(rule -> rule.getMatches().forEach(match ->
                owners.put(match.getPath().getValue(), rule.getBackendRefs().get(0).getName())));
        assertEquals(ingressOwners(OVERLAYS.get("prod")), owners, "the route and the Ingress send the same prefixes alike");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void runsEachServiceAsItListensNonRootOnAReadOnlyFilesystemWithItsHealthProbes(String overlay) throws IOException {
        Rendered rendered = OVERLAYS.get(overlay);
        for (String name : Services.NAMES) {
            Services service = Services.of(name);
            Container container = rendered.one(Deployment.class, service.app()).getSpec().getTemplate().getSpec()
                    .getContainers().get(0);
            Map<String, Integer> ports = container.getPorts().stream()
                    .collect(Collectors.toMap(ContainerPort::getName, ContainerPort::getContainerPort));
            assertEquals(Map.of("http", service.httpPort(), "management", service.managementPort()), ports, name);
            assertProbe(container.getStartupProbe(), "/q/health/started", name);
            assertProbe(container.getLivenessProbe(), "/q/health/live", name);
            assertProbe(container.getReadinessProbe(), "/q/health/ready", name);
            var pod = rendered.one(Deployment.class, service.app()).getSpec().getTemplate().getSpec();
            assertTrue(pod.getSecurityContext().getRunAsNonRoot(), name);
            assertEquals("RuntimeDefault", pod.getSecurityContext().getSeccompProfile().getType(), name);
            assertTrue(container.getSecurityContext().getReadOnlyRootFilesystem(), name);
            assertFalse(container.getSecurityContext().getAllowPrivilegeEscalation(), name);
            assertEquals(List.of("ALL"), container.getSecurityContext().getCapabilities().getDrop(), name);
            assertTrue(container.getVolumeMounts().stream().anyMatch(mount -> mount.getMountPath().equals("/tmp")),
                    name + " has a writable /tmp");
            assertNotNull(container.getResources().getRequests().get("memory"), name);
            assertNotNull(container.getResources().getLimits().get("memory"), name);
            Service front = rendered.one(Service.class, service.app());
            assertEquals(Set.of(service.httpPort(), service.managementPort()),
                    front.getSpec().getPorts().stream().map(port -> port.getPort()).collect(Collectors.toSet()), name);
        }
    }

    @Test
    void setsOnlySettingsTheServicesReadAndEveryOneTheyRequire() throws IOException {
        Rendered rendered = OVERLAYS.get("prod");
        for (String name : Services.NAMES) {
            Services service = Services.of(name);
            Container container = rendered.one(Deployment.class, service.app()).getSpec().getTemplate().getSpec()
                    .getContainers().get(0);
            ConfigMap config = rendered.one(ConfigMap.class, service.app());
            Set<String> set = new HashSet<>(config.getData().keySet());
            set.remove("application.properties");
            container.getEnv().stream().map(EnvVar::getName).forEach(set::add);
            Set<String> read = new HashSet<>(service.settings());
            read.add("SWITCHBOARD_KAFKA_PASSWORD");
            assertTrue(config.getData().get("application.properties").contains("${SWITCHBOARD_KAFKA_PASSWORD}"), name);
            Set<String> provided = set.stream().map(variable -> variable.startsWith("SWITCHBOARD_") && variable.endsWith("_FILE")
                    ? variable.substring(0, variable.length() - "_FILE".length()) : variable).collect(Collectors.toSet());
            Set<String> unread = new HashSet<>(provided);
            unread.removeAll(read);
            assertEquals(Set.of(), unread, name + " is given settings it never reads");
            Set<String> missing = new HashSet<>(service.requiredSettings());
            missing.removeAll(provided);
            assertEquals(Set.of(), missing, name + " lacks settings it has no default for");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void readsTheStrimziAndPrometheusObjectsIntoTheirOperatorsModels(String overlay) {
        Rendered rendered = OVERLAYS.get(overlay);
        assertEquals(1, rendered.all(Kafka.class).size(), "one Kafka cluster");
        assertFalse(rendered.all(KafkaNodePool.class).isEmpty(), "KRaft node pools");
        assertEquals(Services.NAMES.size(), rendered.all(ServiceMonitor.class).size(), "a ServiceMonitor per service");
        assertEquals(1, rendered.all(PrometheusRule.class).size(), "the alerts");
        assertTrue(rendered.all(KafkaUser.class).stream().allMatch(user -> user.getSpec().getAuthorization() != null),
                "every KafkaUser has ACLs");
    }

    @Test
    void createsTheTopicsOfTheModelAndAKafkaUserPerService() {
        Rendered rendered = OVERLAYS.get("prod");
        Set<String> topics = rendered.all(KafkaTopic.class).stream()
                .map(topic -> topic.getSpec().getTopicName()).collect(Collectors.toSet());
        assertEquals(Set.copyOf(Topics.ALL), topics);
        Set<String> users = rendered.all(KafkaUser.class).stream().map(user -> user.getMetadata().getName())
                .collect(Collectors.toSet());
        assertEquals(Services.NAMES.stream().map(name -> name + "-service").collect(Collectors.toSet()), users);
        Set<String> databases = rendered.custom("Cluster").map(cluster -> cluster.getMetadata().getName())
                .collect(Collectors.toSet());
        assertEquals(Services.NAMES.stream().map(name -> name + "-db").collect(Collectors.toSet()), databases);
    }

    @Test
    void routesEveryPublicPathToItsOwnerAndNeitherInternalNorOperationsPaths() throws IOException {
        Map<String, String> owners = ingressOwners(OVERLAYS.get("prod"));
        owners.keySet().forEach(prefix -> assertFalse(prefix.startsWith("/internal") || prefix.startsWith("/q"), prefix));
        for (String name : Services.NAMES) {
            Path openApi = Services.module(name).resolve("target/openapi/openapi.json");
            assertTrue(Files.exists(openApi), openApi + " is missing: build the services first (mvn verify at the root does)");
            JsonNode paths = new ObjectMapper().readTree(openApi.toFile()).path("paths");
            List<String> unrouted = new ArrayList<>();
            paths.fieldNames().forEachRemaining(path -> {
                if (path.startsWith("/internal") || path.startsWith("/q/")) {
                    return;
                }
                String owner = owners.entrySet().stream()
                        .filter(route -> path.equals(route.getKey()) || path.startsWith(route.getKey() + "/"))
                        .map(Map.Entry::getValue).findFirst().orElse("nobody");
                if (!owner.equals(name + "-service")) {
                    unrouted.add(path + " goes to " + owner);
                }
            });
            assertEquals(List.of(), unrouted, name + "'s public paths");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void namesTheIngressHostAsEveryServicesApiAddress(String overlay) {
        Rendered rendered = OVERLAYS.get(overlay);
        Set<String> hosts = rendered.all(Ingress.class).stream().flatMap(ingress -> ingress.getSpec().getRules().stream())
                .map(IngressRule::getHost).collect(Collectors.toSet());
        assertEquals(1, hosts.size(), "one public host");
        for (String name : Services.NAMES) {
            String apiUrl = rendered.one(ConfigMap.class, name + "-service").getData().get("SWITCHBOARD_API_URL");
            assertNotNull(apiUrl, name + " would name localhost in its OpenAPI document");
            assertEquals(hosts.iterator().next(), URI.create(apiUrl).getHost(), name);
        }
    }

    @Test
    void commitsNoSecretValue() throws IOException {
        for (Rendered rendered : OVERLAYS.values()) {
            assertEquals(List.of(), rendered.all(Secret.class), "a Secret is rendered: its values would be committed");
        }
        try (Stream<Path> files = Files.walk(Rendered.KUBERNETES)) {
            List<Path> manifests = files.filter(file -> file.toString().endsWith(".yaml"))
                    .filter(file -> !file.toString().contains("/target/")).toList();
            for (Path file : manifests) {
                String text = Files.readString(file);
                assertFalse(text.contains("secretGenerator") || text.matches("(?s).*^kind:\\s*Secret\\s*$.*"), file.toString());
            }
        }
    }

    @Test
    void scalesProductionToTwoReplicasAtLeastThatAreNeverAllDisruptedAndSpreadOverNodes() {
        Rendered prod = OVERLAYS.get("prod");
        for (String name : Services.NAMES) {
            String app = name + "-service";
            assertTrue(prod.one(HorizontalPodAutoscaler.class, app).getSpec().getMinReplicas() >= 2, app);
            assertEquals(1, prod.one(PodDisruptionBudget.class, app).getSpec().getMinAvailable().getIntVal(), app);
            assertFalse(prod.one(Deployment.class, app).getSpec().getTemplate().getSpec().getTopologySpreadConstraints()
                    .isEmpty(), app);
            assertEquals(1, OVERLAYS.get("dev").one(Deployment.class, app).getSpec().getReplicas(), app);
        }
    }

    @Test
    void buildsImagesFromWhatThePackageHoldsAsANonRootUserOnTheServicesPorts() throws IOException {
        for (String name : Services.NAMES) {
            Services service = Services.of(name);
            Path docker = Services.module(name).resolve("src/main/docker");
            List<Path> dockerfiles = new ArrayList<>(List.of(docker.resolve("Dockerfile.jvm"), docker.resolve("Dockerfile.native")));
            if (Files.exists(docker.resolve("Dockerfile.jvm-stdio"))) {
                dockerfiles.add(docker.resolve("Dockerfile.jvm-stdio"));
            }
            for (Path dockerfile : dockerfiles) {
                Dockerfile parsed = Dockerfile.read(dockerfile);
                assertFalse(parsed.user().isEmpty() || parsed.user().equals("0") || parsed.user().equals("root"),
                        dockerfile + " runs as root");
                assertEquals(Set.of(service.httpPort(), service.managementPort()), parsed.exposed(), dockerfile.toString());
                for (String source : parsed.copied()) {
                    if (dockerfile.endsWith("Dockerfile.native")) {
                        assertEquals("target/" + name + "-service-0.1.0-SNAPSHOT-runner", source,
                                "the native build writes <artifactId>-<version>-runner");
                    } else {
                        assertTrue(Files.exists(Services.module(name).resolve(source)), dockerfile + " copies " + source
                                + ", which mvn package did not produce");
                    }
                }
            }
        }
    }

    private static void assertProbe(Probe probe, String path, String service) {
        assertNotNull(probe, service + " has no probe on " + path);
        assertEquals(path, probe.getHttpGet().getPath(), service);
        assertEquals("management", probe.getHttpGet().getPort().getStrVal(), service);
    }

    /** Each routed prefix and the Service it goes to; a prefix routed twice fails. */
    private static Map<String, String> ingressOwners(Rendered rendered) {
        Map<String, String> owners = new HashMap<>();
        for (Ingress ingress : rendered.all(Ingress.class)) {
            ingress.getSpec().getRules().forEach(rule -> {
                for (HTTPIngressPath path : rule.getHttp().getPaths()) {
                    assertEquals("Prefix", path.getPathType());
                    String previous = owners.put(path.getPath(), path.getBackend().getService().getName());
                    assertEquals(null, previous, path.getPath() + " is routed twice");
                }
            });
        }
        return owners;
    }
}
