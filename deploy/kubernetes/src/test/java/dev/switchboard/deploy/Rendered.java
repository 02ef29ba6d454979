package dev.switchboard.deploy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * An overlay as {@code kubectl kustomize} renders it, each object read into the Kubernetes model, or into the operator's
 * own model where one exists (Strimzi's, and fabric8's for Prometheus); CloudNativePG has none, so its objects stay
 * generic.
 */
final class Rendered {

    static final Path KUBERNETES = Path.of("").toAbsolutePath();

    /** The Strimzi kinds by {@code apiVersion/kind}; fabric8 finds Prometheus's kinds by itself. */
    private static final Map<String, Class<? extends HasMetadata>> STRIMZI = Map.of(
            "kafka.strimzi.io/v1beta2/Kafka", Kafka.class,
            "kafka.strimzi.io/v1beta2/KafkaNodePool", KafkaNodePool.class,
            "kafka.strimzi.io/v1beta2/KafkaTopic", KafkaTopic.class,
            "kafka.strimzi.io/v1beta2/KafkaUser", KafkaUser.class);

    /** The packages of the models whose every field the checks below walk. */
    private static final List<String> MODELS = List.of("io.fabric8.kubernetes.api.model", "io.fabric8.openshift.api.model",
            "io.strimzi.api");

    private final List<HasMetadata> objects;

    private Rendered(List<HasMetadata> objects) {
        this.objects = objects;
    }

    /** Renders {@code directory} (relative to {@code deploy/kubernetes}) with the kubectl on the PATH. */
    static Rendered render(String directory) throws IOException, InterruptedException {
        Process kubectl = new ProcessBuilder("kubectl", "kustomize", KUBERNETES.resolve(directory).toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String yaml = new String(kubectl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!kubectl.waitFor(60, TimeUnit.SECONDS) || kubectl.exitValue() != 0) {
            throw new AssertionError("kubectl kustomize " + directory + " failed");
        }
        return new Rendered(read(yaml));
    }

    static List<HasMetadata> read(String yaml) {
        List<HasMetadata> objects = new ArrayList<>();
        for (String document : yaml.split("(?m)^---\\s*$")) {
            if (!document.isBlank()) {
                HasMetadata object = Serialization.unmarshal(document, HasMetadata.class);
                Class<? extends HasMetadata> model = STRIMZI.get(object.getApiVersion() + "/" + object.getKind());
                objects.add(model == null ? object : Serialization.unmarshal(document, model));
            }
        }
        return objects;
    }

    List<HasMetadata> all() {
        return objects;
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends HasMetadata> T one(Class<T> type, String name) {
        return all(type).stream().filter(object -> object.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " " + name));
    }

    Stream<GenericKubernetesResource> custom(String kind) {
        return objects.stream().filter(GenericKubernetesResource.class::isInstance).map(GenericKubernetesResource.class::cast)
                .filter(object -> object.getKind().equals(kind));
    }

    /**
     * The fields the model did not know, by path: the model keeps them aside rather than refusing them, so a typo such
     * as {@code readinesProbe} would otherwise pass unseen.
     */
    static List<String> unknownFields(Object object, String path) {
        List<String> unknown = new ArrayList<>();
        collect(object, path, unknown, 0);
        return unknown;
    }

    private static void collect(Object value, String path, List<String> unknown, int depth) {
        if (value == null || depth > 40) {
            return;
        }
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                collect(item, path + "[" + i++ + "]", unknown, depth + 1);
            }
            return;
        }
        if (value instanceof Map<?, ?> entries) {
            entries.forEach((key, item) -> collect(item, path + "." + key, unknown, depth + 1));
            return;
        }
        if (MODELS.stream().noneMatch(value.getClass().getPackageName()::startsWith)) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get") || getter.getName().equals("getClass")) {
                continue;
            }
            Object field = invoke(getter, value);
            if (getter.getName().equals("getAdditionalProperties")) {
                if (field instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    extra.keySet().forEach(key -> unknown.add(path + "." + key));
                }
            } else {
                collect(field, path + "." + getter.getName().substring(3), unknown, depth + 1);
            }
        }
    }

    private static Object invoke(Method getter, Object target) {
        try {
            return getter.invoke(target);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Could not read " + getter, e);
        }
    }
}
