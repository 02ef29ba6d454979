package dev.switchboard.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The images that Jib builds from Maven ({@code -Dquarkus.container-image.build=true}) are the images the Dockerfiles
 * describe and the manifests run: the same bases, user and JVM flags, under the names and tag the overlays deploy.
 * Jib's settings live in the service parent's POM; this fails when either side changes alone.
 */
class ContainerImageConfigTest {

    private static final Properties JIB = new Properties();
    private static String version;

    @BeforeAll
    static void readTheServiceParent() throws Exception {
        Element project = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(Services.ROOT.resolve("service-parent/pom.xml").toFile()).getDocumentElement();
        NodeList properties = ((Element) project.getElementsByTagName("properties").item(0)).getChildNodes();
        for (int i = 0; i < properties.getLength(); i++) {
            Node property = properties.item(i);
            if (property.getNodeType() == Node.ELEMENT_NODE) {
                JIB.setProperty(property.getNodeName(), property.getTextContent().trim());
            }
        }
        version = ((Element) project.getElementsByTagName("parent").item(0)).getElementsByTagName("version").item(0)
                .getTextContent().trim();
    }

    @Test
    void jibStartsFromTheDockerfilesBasesAndRunsAsTheirUser() throws Exception {
        for (String name : Services.NAMES) {
            Path docker = Services.module(name).resolve("src/main/docker");
            Dockerfile jvm = Dockerfile.read(docker.resolve("Dockerfile.jvm"));
            Dockerfile nativeImage = Dockerfile.read(docker.resolve("Dockerfile.native"));
            assertEquals(jvm.from(), JIB.getProperty("quarkus.jib.base-jvm-image"), name + ": JVM base");
            assertEquals(nativeImage.from(), JIB.getProperty("quarkus.jib.base-native-image"), name + ": native base");
            assertEquals(jvm.user(), JIB.getProperty("quarkus.jib.user"), name + ": user");
            assertEquals(nativeImage.user(), JIB.getProperty("quarkus.jib.user"), name + ": user of the native image");
        }
    }

    @Test
    void jibRunsTheJvmWithTheDockerfilesFlagsAndEnvironment() throws Exception {
        for (String name : Services.NAMES) {
            Map<String, String> environment = Dockerfile.read(Services.module(name).resolve("src/main/docker/Dockerfile.jvm"))
                    .environment();
            assertEquals(List.of(environment.get("JAVA_TOOL_OPTIONS").split(" ")),
                    List.of(JIB.getProperty("quarkus.jib.jvm-additional-arguments").split(",")), name + ": JVM flags");
            String others = environment.entrySet().stream().filter(entry -> !entry.getKey().equals("JAVA_TOOL_OPTIONS"))
                    .map(entry -> entry.getKey() + "=" + entry.getValue()).sorted().collect(Collectors.joining(","));
            String jibs = JIB.stringPropertyNames().stream().filter(key -> key.startsWith("quarkus.jib.environment-variables."))
                    .map(key -> key.substring("quarkus.jib.environment-variables.".length()) + "=" + JIB.getProperty(key))
                    .sorted().collect(Collectors.joining(","));
            assertEquals(others, jibs, name + ": environment");
        }
    }

    @Test
    void jibNamesEachImageAsTheOverlaysDeployIt() throws Exception {
        Rendered prod = Rendered.render("overlays/prod");
        for (String name : Services.NAMES) {
            Properties application = new Properties();
            try (Reader file = Files.newBufferedReader(Services.module(name).resolve("src/main/resources/application.properties"))) {
                application.load(file);
            }
            String app = application.getProperty("quarkus.application.name");
            List<String> images = prod.all(Deployment.class).stream()
                    .flatMap(deployment -> deployment.getSpec().getTemplate().getSpec().getContainers().stream())
                    .map(Container::getImage).filter(image -> image.contains("/" + app + ":")).toList();
            // Quarkus names an image group/application-name:project-version.
            assertEquals(List.of(JIB.getProperty("quarkus.container-image.group") + "/" + app + ":" + version), images, name);
        }
    }
}
